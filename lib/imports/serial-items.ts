// Serial items from CSV (docs/serials.md "Import"): every row checked first — the product exists
// and is serial-tracked, the IMEI is valid and new (in the file and in the database; both rows
// named), the source exists, the dates are dates — then all items are created in the import's
// transaction, each with its first history row (channel import). Nothing is created while any row
// is wrong; the same file imports once (import_batches).
import crypto from "node:crypto";
import type { Actor } from "../auth/permissions";
import { db, type Tx } from "../db";
import { sqlStateOf } from "../errors";
import { generateIdentifier } from "../serials/identifier";
import { imeiDigits, luhnValid, stripImei } from "../serials/imei";
import { SOURCE_KINDS, type SourceKind } from "../serials/schemas";
import { requireColumns, type CsvTable } from "./csv";
import { PROGRESS_EVERY, RowErrors, type OnProgress, type RowError } from "./types";

export const SERIAL_COLUMNS = ["sku", "imei", "flag", "source_kind", "source", "scheduled_arrival"] as const;
export const SERIAL_ALIASES: Record<string, string> = {
  sku: "sku",
  product: "sku",
  barcode: "sku",
  imei: "imei",
  flag: "flag",
  label: "flag",
  sourcekind: "source_kind",
  kind: "source_kind",
  source: "source",
  sourceref: "source",
  reference: "source",
  scheduledarrival: "scheduled_arrival",
  scheduledarrivalat: "scheduled_arrival",
  eta: "scheduled_arrival",
};

export type SerialPlan = {
  row: number;
  productId: string;
  sku: string;
  imei: string | null;
  flag: string | null;
  sourceKind: SourceKind;
  sourceId: string;
  scheduledArrivalAt: Date | null;
};

const SOURCE_COLUMN: Record<SourceKind, string> = {
  online_order: "online_order_id",
  purchase_order: "purchase_order_id",
  corporate_purchase: "corporate_purchase_id",
  temporary_channel: "temporary_channel_id",
};

function parseWhen(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return null;
  const d = new Date(s.length === 10 ? `${s}T00:00:00Z` : s.replace(" ", "T"));
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) return null;
  return d;
}

export async function validateSerialItems(table: CsvTable, onProgress: OnProgress): Promise<{ serials: SerialPlan[]; errors: RowError[] }> {
  requireColumns(table, ["sku", "source_kind", "source"]);
  const col = (c: string) => table.columns.get(c) ?? c;
  const get = (values: Map<string, string>, c: string) => values.get(c)?.trim() || undefined;

  // Everything the rows name, looked up in a few queries (10,000 rows stay a matter of seconds).
  const skus = [...new Set(table.rows.map((r) => get(r.values, "sku")).filter((v): v is string => !!v))];
  const products = await db.product.findMany({
    where: { deletedAt: null, OR: [{ sku: { in: skus } }, { barcode: { in: skus } }] },
    select: { id: true, sku: true, barcode: true, tracking: true },
  });
  const productBy = new Map<string, (typeof products)[number]>();
  for (const p of products) if (p.barcode) productBy.set(p.barcode, p);
  for (const p of products) productBy.set(p.sku, p);

  const imeis = table.rows.map((r) => imeiDigits(get(r.values, "imei") ?? "")).filter((v): v is string => v !== null);
  const taken = new Set((await db.serialItem.findMany({ where: { imei: { in: [...new Set(imeis)] } }, select: { imei: true } })).map((x) => x.imei!));

  const refs = (kind: SourceKind) => [...new Set(table.rows.filter((r) => get(r.values, "source_kind") === kind).map((r) => get(r.values, "source")).filter((v): v is string => !!v))];
  const uuids = (kind: SourceKind) => refs(kind).filter((v) => /^[0-9a-f-]{36}$/i.test(v));
  const [orders, shops, corps, temps] = await Promise.all([
    db.purchaseOrder.findMany({ where: { number: { in: refs("purchase_order").map((r) => r.toUpperCase()) } }, select: { id: true, number: true } }),
    db.onlineShopOrder.findMany({ where: { id: { in: uuids("online_order") } }, select: { id: true } }),
    db.corporatePurchase.findMany({ where: { id: { in: uuids("corporate_purchase") } }, select: { id: true } }),
    db.temporaryChannel.findMany({ where: { OR: [{ id: { in: uuids("temporary_channel") } }, { name: { in: refs("temporary_channel") } }] }, select: { id: true, name: true } }),
  ]);
  const sourceBy: Record<SourceKind, Map<string, string>> = {
    purchase_order: new Map(orders.map((o) => [o.number, o.id])),
    online_order: new Map(shops.map((s) => [s.id, s.id])),
    corporate_purchase: new Map(corps.map((s) => [s.id, s.id])),
    temporary_channel: new Map(temps.flatMap((s) => [[s.id, s.id] as const, [s.name, s.id] as const])),
  };

  const errors: RowError[] = [];
  const serials: SerialPlan[] = [];
  const firstRowOf = new Map<string, number>();
  table.rows.forEach(({ row, values }, i) => {
    const rowErrors: RowError[] = [];
    const fail = (column: string, message: string, key: string, v?: RowError["values"]) => rowErrors.push({ row, column: col(column), message, key, values: v });

    const ref = get(values, "sku");
    const product = ref ? productBy.get(ref) : undefined;
    if (!ref) fail("sku", "SKU or barcode is required.", "skuRequired");
    else if (!product) fail("sku", `Unknown SKU or barcode "${ref}".`, "unknownSku", { sku: ref });
    else if (product.tracking !== "serial") fail("sku", `${product.sku} is not serial-tracked.`, "notSerialTracked", { sku: product.sku });

    const rawImei = get(values, "imei");
    const imei = rawImei ? stripImei(rawImei) : null;
    if (imei !== null) {
      if (!/^\d{15}$/.test(imei)) fail("imei", `"${rawImei}" is not an IMEI: it has 15 digits.`, "badImei", { value: rawImei! });
      else if (!luhnValid(imei)) fail("imei", `IMEI ${imei} has a wrong check digit (Luhn); check for a typo.`, "imeiCheckDigit", { value: imei });
      else if (taken.has(imei)) fail("imei", `IMEI ${imei} already exists.`, "imeiTaken", { value: imei });
      else if (firstRowOf.has(imei)) fail("imei", `IMEI ${imei} is also on row ${firstRowOf.get(imei)}.`, "imeiTwice", { value: imei, row: firstRowOf.get(imei)! });
      else firstRowOf.set(imei, row);
    }

    const flag = get(values, "flag") ?? null;
    if (flag && flag.length > 100) fail("flag", "Flag is at most 100 characters.", "flagTooLong");

    const kind = get(values, "source_kind") as SourceKind | undefined;
    const sourceRef = get(values, "source");
    let sourceId: string | undefined;
    if (!kind || !(SOURCE_KINDS as readonly string[]).includes(kind)) fail("source_kind", `Source kind is one of ${SOURCE_KINDS.join(", ")}.`, "badSourceKind");
    else if (!sourceRef) fail("source", "Source is required.", "sourceRequired");
    else {
      sourceId = sourceBy[kind].get(kind === "purchase_order" ? sourceRef.toUpperCase() : sourceRef);
      if (!sourceId) fail("source", `Unknown ${kind.replace("_", " ")} "${sourceRef}".`, "unknownSource", { value: sourceRef });
    }

    const when = get(values, "scheduled_arrival");
    const scheduled = when ? parseWhen(when) : null;
    if (when && !scheduled) fail("scheduled_arrival", "Use a date like 2027-03-31 (or a date and time).", "badDate", { value: when });

    if (rowErrors.length) errors.push(...rowErrors);
    else serials.push({ row, productId: product!.id, sku: product!.sku, imei, flag, sourceKind: kind!, sourceId: sourceId!, scheduledArrivalAt: scheduled });
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress({ phase: "validate", done: i + 1, total: table.rows.length });
  });
  return { serials, errors };
}

/** Creates the items and their first history rows in the caller's transaction, in chunks. */
export async function applySerialItems(tx: Tx, actor: Actor, plans: SerialPlan[], onProgress: OnProgress): Promise<{ created: number }> {
  const CHUNK = 1000;
  for (let i = 0; i < plans.length; i += CHUNK) {
    const chunk = plans.slice(i, i + CHUNK);
    const ids = chunk.map(() => crypto.randomUUID());
    const identifiers = chunk.map(() => generateIdentifier());
    try {
      for (const kind of SOURCE_KINDS) {
        const part = chunk.map((p, k) => ({ p, k })).filter(({ p }) => p.sourceKind === kind);
        if (!part.length) continue;
        await tx.$executeRawUnsafe(
          `INSERT INTO serial_items (id, identifier, product_id, imei, flag, source_kind, ${SOURCE_COLUMN[kind]}, scheduled_arrival_at, updated_at)
           SELECT u.id, u.identifier, u.product, u.imei, u.flag, $1::"SerialSourceKind", u.source, u.scheduled, now()
           FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[])
             AS u(id, identifier, product, imei, flag, source, scheduled)`,
          kind,
          part.map(({ k }) => ids[k]),
          part.map(({ k }) => identifiers[k]),
          part.map(({ p }) => p.productId),
          part.map(({ p }) => p.imei),
          part.map(({ p }) => p.flag),
          part.map(({ p }) => p.sourceId),
          part.map(({ p }) => p.scheduledArrivalAt),
        );
      }
    } catch (e) {
      // An IMEI taken between validation and now (another import, a form): name the rows.
      // Only that: any other failure is rethrown as it is, not reported as a taken IMEI.
      if (sqlStateOf(e) === "23505" && /imei/.test(String((e as Error).message))) {
        throw new RowErrors(chunk.filter((p) => p.imei).map((p) => ({ row: p.row, column: "imei", message: `IMEI ${p.imei} already exists (added meanwhile).`, key: "imeiTaken", values: { value: p.imei! } })));
      }
      throw e;
    }
    await tx.serialItemHistory.createMany({
      data: chunk.map((p, k) => ({
        itemId: ids[k],
        actorId: actor.id,
        channel: "import" as const,
        action: "create",
        changes: {
          identifier: { before: null, after: identifiers[k] },
          product: { before: null, after: p.sku },
          status: { before: null, after: "planned" },
          ...(p.imei ? { imei: { before: null, after: p.imei } } : {}),
          ...(p.flag ? { flag: { before: null, after: p.flag } } : {}),
          ...(p.scheduledArrivalAt ? { scheduledArrivalAt: { before: null, after: p.scheduledArrivalAt.toISOString() } } : {}),
        },
      })),
    });
    onProgress({ phase: "apply", done: Math.min(i + CHUNK, plans.length), total: plans.length });
  }
  return { created: plans.length };
}
