// Opening stock from CSV: every row checked against the catalogue and the locations first, then
// ONE `in` movement for the whole file through postMovement (channel "import").
import type { Actor } from "../auth/permissions";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { amountSchema } from "../money";
import { postMovement } from "../stock/post-movement";
import { MAX_QUANTITY, type MovementLineInput } from "../stock/schemas";
import { requireColumns, type CsvTable } from "./csv";
import { PROGRESS_EVERY, RowErrors, type OnProgress, type RowError } from "./types";

export const STOCK_COLUMNS = ["sku", "location", "quantity", "lot", "expiry", "unitCost"] as const;
export const STOCK_ALIASES: Record<string, string> = {
  sku: "sku",
  barcode: "barcode",
  ean: "barcode",
  location: "location",
  locationcode: "location",
  bin: "location",
  quantity: "quantity",
  qty: "quantity",
  lot: "lot",
  lotcode: "lot",
  batch: "lot",
  expiry: "expiry",
  expirydate: "expiry",
  expiresat: "expiry",
  bestbefore: "expiry",
  unitcost: "unitCost",
  cost: "unitCost",
};

type Line = { row: number; line: MovementLineInput };

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export async function validateOpeningStock(table: CsvTable, onProgress: OnProgress): Promise<{ lines: Line[]; errors: RowError[] }> {
  requireColumns(table, [["sku", "barcode"], "location", "quantity"]);
  const col = (c: string) => table.columns.get(c) ?? c;
  const productRefs = [...new Set(table.rows.flatMap((r) => [r.values.get("sku"), r.values.get("barcode")]).filter((v): v is string => !!v))];
  const locationRefs = [...new Set(table.rows.map((r) => r.values.get("location") ?? "").filter(Boolean).flatMap((c) => [c, c.toUpperCase()]))];
  const [products, locations] = await Promise.all([
    db.product.findMany({
      where: { deletedAt: null, OR: [{ sku: { in: productRefs } }, { barcode: { in: productRefs } }] },
      select: { sku: true, barcode: true, tracking: true },
    }),
    db.location.findMany({ where: { OR: [{ code: { in: locationRefs } }, { barcode: { in: locationRefs } }] }, select: { code: true, barcode: true, active: true } }),
  ]);
  type P = (typeof products)[number];
  type L = (typeof locations)[number];
  const productBy = new Map<string, P>();
  for (const p of products) if (p.barcode) productBy.set(p.barcode, p);
  for (const p of products) productBy.set(p.sku, p); // an exact SKU wins over a barcode
  const locationBy = new Map<string, L>();
  for (const l of locations) locationBy.set(l.barcode, l);
  for (const l of locations) locationBy.set(l.code, l);

  const errors: RowError[] = [];
  const lines: Line[] = [];
  table.rows.forEach(({ row, values }, i) => {
    const rowErrors: RowError[] = [];
    const fail = (column: string, message: string, key: string, v?: RowError["values"]) => rowErrors.push({ row, column: col(column), message, key, values: v });
    const get = (c: string) => values.get(c)?.trim() || undefined;

    const skuCol = get("sku") ? "sku" : "barcode";
    const ref = get("sku") ?? get("barcode");
    const product = ref ? productBy.get(ref) : undefined;
    if (!ref) fail(skuCol, "SKU or barcode is required.", "skuRequired");
    else if (!product) fail(skuCol, `Unknown SKU or barcode "${ref}".`, "unknownSku", { sku: ref });
    else if (product.tracking === "serial") fail(skuCol, `${product.sku} is serial-tracked; import its serial items instead.`, "serialTracked", { sku: product.sku });

    const locRef = get("location");
    const location = locRef ? locationBy.get(locRef) ?? locationBy.get(locRef.toUpperCase()) : undefined;
    if (!locRef) fail("location", "Location is required.", "locationRequired");
    else if (!location) fail("location", `Unknown location "${locRef}".`, "unknownLocation", { location: locRef });
    else if (!location.active) fail("location", `Location ${location.code} is inactive.`, "inactiveLocation", { location: location.code });

    const q = get("quantity");
    const quantity = q && /^\d+$/.test(q) ? Number(q) : NaN;
    if (!q) fail("quantity", "Quantity is required.", "quantityRequired");
    else if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) fail("quantity", `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`, "badQuantity", { value: q });

    const lot = get("lot");
    const expiry = get("expiry");
    if (lot && lot.length > 64) fail("lot", "Lot code is at most 64 characters.", "lotTooLong");
    if (product && product.tracking !== "lot" && (lot || expiry)) {
      fail(lot ? "lot" : "expiry", `${product.sku} is not lot-tracked; leave lot and expiry empty.`, "notLotTracked", { sku: product.sku });
    }
    if (expiry && !validDate(expiry)) fail("expiry", "Use a date like 2027-03-31.", "badDate", { value: expiry });

    const cost = get("unitCost")?.replace(",", ".");
    if (cost && !amountSchema.safeParse(cost).success) fail("unitCost", "Enter an amount like 12.50 (up to 4 decimals, not negative).", "badAmount", { value: cost });

    if (rowErrors.length) errors.push(...rowErrors);
    else {
      lines.push({
        row,
        line: {
          sku: product!.sku,
          location: location!.code,
          quantity,
          ...(lot ? { lot } : {}),
          ...(expiry ? { expiresAt: expiry } : {}),
          ...(cost ? { unitCost: cost } : {}),
        },
      });
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress({ phase: "validate", done: i + 1, total: table.rows.length });
  });
  return { lines, errors };
}

/** Posts the one `in` movement inside the caller's transaction; a refusal names its row. */
export async function applyOpeningStock(tx: Tx, actor: Actor, lines: Line[], ref: { reference: string; note: string }): Promise<{ id: string; number: string }> {
  try {
    const { result } = await postMovement({ ...actor, channel: "import" }, { type: "in", reference: ref.reference, note: ref.note, lines: lines.map((l) => l.line) }, { tx });
    return { id: result.id, number: result.number };
  } catch (e) {
    if (e instanceof AppError && e.code === "VALIDATION_FAILED") {
      const issues = (e.details?.issues as { path: string; message: string }[] | undefined) ?? [];
      const rowErrors = issues.flatMap((issue) => {
        const m = /^lines\.(\d+)\.?(.*)$/.exec(issue.path);
        return m ? [{ row: lines[Number(m[1])].row, column: m[2] || null, message: issue.message }] : [];
      });
      if (rowErrors.length) throw new RowErrors(rowErrors);
    }
    throw e;
  }
}
