// The entry guard's company setting: above which value a desk form asks the user to confirm a line
// or amount before sending it (docs/product.md "Amounts"). Read by every role that posts or edits
// amounts; changed by admins only (settings.manage), validated and audited here.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { formatAmount } from "../money";
import { parse } from "../validation";
import { entrySettingsSchema, type EntryLimit, type EntrySettings } from "./schemas";

const MAIN_COMPANY = "MAIN";

async function read(tx: DbClient = db): Promise<EntrySettings & { id: string }> {
  const c = await tx.company.findUnique({ where: { code: MAIN_COMPANY }, select: { id: true, baseCurrency: true, entryConfirmAbove: true } });
  if (!c) throw new Error("The company MAIN is missing (run the migrations' seed).");
  return { id: c.id, baseCurrency: c.baseCurrency, entryConfirmAbove: c.entryConfirmAbove === null ? null : formatAmount(c.entryConfirmAbove) };
}

/** The limit the forms confirm above (any signed-in user who may see stock; the forms need it). */
export async function getEntrySettings(actor: Actor): Promise<EntrySettings> {
  assertCan(actor, "stock.read");
  const { baseCurrency, entryConfirmAbove } = await read();
  return { baseCurrency, entryConfirmAbove };
}

/** The limit as the desk forms take it (components/forms/entry-confirm.tsx). */
export async function getEntryLimit(actor: Actor): Promise<EntryLimit> {
  const s = await getEntrySettings(actor);
  return { above: s.entryConfirmAbove, currency: s.baseCurrency };
}

export async function setEntrySettings(actor: Actor, input: unknown): Promise<EntrySettings> {
  assertCan(actor, "settings.manage");
  const data = parse(entrySettingsSchema, input);
  return db.$transaction(async (tx) => {
    const before = await read(tx);
    await tx.company.update({ where: { id: before.id }, data: { entryConfirmAbove: data.entryConfirmAbove } });
    const after = await read(tx);
    await writeAudit(tx, actor, {
      action: "settings.entry",
      entity: "company",
      entityId: before.id,
      before: { entryConfirmAbove: before.entryConfirmAbove },
      after: { entryConfirmAbove: after.entryConfirmAbove },
    });
    return { baseCurrency: after.baseCurrency, entryConfirmAbove: after.entryConfirmAbove };
  });
}
