// `npm run stock:reconcile [-- --rebuild]`: check level = Σ ledger (and lots) everywhere; with
// --rebuild, set stored figures to what the ledger says. Exit code 1 when discrepancies remain.
import { systemActor } from "../lib/auth/system-actor";
import { db } from "../lib/db";
import { checkStock, rebuildStock } from "../lib/stock/reconcile";

const actor = systemActor("job");
try {
  const { discrepancies } = await checkStock(actor);
  for (const d of discrepancies) {
    const at = d.kind === "lot" ? `\t${d.lot}` : d.kind === "balance" ? `\tentry ${d.entry} (${d.movement})` : "";
    console.log(`${d.kind}\t${d.sku}\t${d.location}${at}\t${d.kind === "balance" ? "balance" : "stored"} ${d.stored}\t${d.kind === "balance" ? "previous + delta" : "ledger"} ${d.ledger}`);
  }
  console.log(discrepancies.length ? `${discrepancies.length} discrepancies` : "stock agrees with the ledger");
  if (discrepancies.length && process.argv.includes("--rebuild")) {
    const { fixed } = await rebuildStock(actor);
    console.log(`rebuilt ${fixed.length} figures from the ledger`);
    process.exitCode = 0;
  } else if (discrepancies.length) {
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
