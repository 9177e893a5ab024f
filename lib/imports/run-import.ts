// The one import operation, whatever calls it (the /import page's streamed upload, tests):
// read the CSV, validate EVERY row (nothing is written while any row is wrong), then apply the
// whole file in one transaction that first claims the file's (kind, sha256) row in
// import_batches. A second import of the same file — also one racing this one — finds that row
// already `done` and posts nothing.
import crypto from "node:crypto";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { fromDatabaseError } from "../errors";
import { parse } from "../validation";
import { z } from "zod";
import { readCsv } from "./csv";
import { applyOpeningStock, STOCK_ALIASES, validateOpeningStock } from "./opening-stock";
import { applyProducts, PRODUCT_ALIASES, validateProducts } from "./products";
import { applySerialItems, SERIAL_ALIASES, validateSerialItems } from "./serial-items";
import { importKindSchema, RowErrors, type ImportKind, type ImportOutcome, type OnProgress, type RowError } from "./types";

/** At most this many row errors are returned (the count says how many there were). */
export const MAX_REPORTED_ERRORS = 200;

const inputSchema = z.object({
  kind: importKindSchema,
  fileName: z.string().trim().min(1).max(255),
  content: z.instanceof(Buffer),
});

export const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

async function already(kind: ImportKind, hash: string): Promise<ImportOutcome | null> {
  const b = await db.importBatch.findUnique({ where: { kind_sha256: { kind, sha256: hash } } });
  if (!b || b.status !== "done") return null;
  return { status: "already", kind, batchId: b.id, rows: b.rows, movementNumber: b.movementNumber, importedAt: b.updatedAt.toISOString() };
}

function invalid(kind: ImportKind, rows: number, errors: RowError[]): ImportOutcome {
  return { status: "invalid", kind, rows, errorCount: errors.length, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
}

export async function runImport(actor: Actor, input: unknown, onProgress: OnProgress = () => {}): Promise<ImportOutcome> {
  assertCan(actor, "import.run");
  const { kind, fileName, content } = parse(inputSchema, input);
  const importer: Actor = { ...actor, channel: "import" };
  const hash = sha256(content);
  const prior = await already(kind, hash);
  if (prior) return prior;

  const table = readCsv(content, kind === "products" ? PRODUCT_ALIASES : kind === "serial_items" ? SERIAL_ALIASES : STOCK_ALIASES);
  const total = table.rows.length;
  onProgress({ phase: "validate", done: 0, total });
  const checked =
    kind === "products"
      ? await validateProducts(importer, table, onProgress)
      : kind === "serial_items"
        ? await validateSerialItems(table, onProgress)
        : await validateOpeningStock(table, onProgress);
  onProgress({ phase: "validate", done: total, total });
  if (checked.errors.length) {
    await recordInvalid(importer, kind, hash, fileName, total, checked.errors.length);
    return invalid(kind, total, checked.errors);
  }

  try {
    const outcome = await db.$transaction(
      async (tx): Promise<ImportOutcome | null> => {
        // Claim the file. A concurrent import of the same file waits here on the unique index
        // until this transaction ends, then finds the row `done` and gets nothing back.
        const batchId = crypto.randomUUID();
        const claimed = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO import_batches (id, kind, sha256, file_name, status, rows, actor_id, updated_at)
          VALUES (${batchId}::uuid, ${kind}::"ImportKind", ${hash}, ${fileName}, 'invalid', ${total}, ${importer.id}::uuid, now())
          ON CONFLICT (kind, sha256) DO UPDATE SET file_name = EXCLUDED.file_name, actor_id = EXCLUDED.actor_id, updated_at = now()
            WHERE import_batches.status <> 'done'
          RETURNING id::text AS id`;
        if (claimed.length === 0) return null;
        const id = claimed[0].id;
        onProgress({ phase: "apply", done: 0, total });
        let created = 0;
        let updated = 0;
        let movement: { id: string; number: string } | null = null;
        if ("plans" in checked) {
          ({ created, updated } = await applyProducts(tx, importer, checked.plans, onProgress));
        } else if ("serials" in checked) {
          ({ created } = await applySerialItems(tx, importer, checked.serials, onProgress));
        } else {
          movement = await applyOpeningStock(tx, importer, checked.lines, { reference: `IMPORT-${hash.slice(0, 12)}`, note: `CSV import: ${fileName}` });
          created = checked.lines.length;
        }
        const batch = await tx.importBatch.update({
          where: { id },
          data: { status: "done", rows: total, createdCount: created, updatedCount: updated, errorCount: 0, movementId: movement?.id ?? null, movementNumber: movement?.number ?? null },
        });
        await writeAudit(tx, importer, {
          action: "import.run",
          entity: "import",
          entityId: id,
          after: { kind, fileName, sha256: hash, rows: total, created, updated, movementNumber: batch.movementNumber },
        });
        onProgress({ phase: "apply", done: total, total });
        return { status: "done", kind, batchId: id, rows: total, created, updated, movementNumber: batch.movementNumber };
      },
      { maxWait: 30_000, timeout: 10 * 60_000 },
    );
    return outcome ?? (await already(kind, hash))!;
  } catch (e) {
    if (e instanceof RowErrors) {
      await recordInvalid(importer, kind, hash, fileName, total, e.errors.length);
      return invalid(kind, total, e.errors);
    }
    throw fromDatabaseError(e);
  }
}

/** Remembers a refused file (shown in the history); never overwrites a `done` one. */
async function recordInvalid(actor: Actor, kind: ImportKind, hash: string, fileName: string, rows: number, errorCount: number) {
  await db.$executeRaw`
    INSERT INTO import_batches (id, kind, sha256, file_name, status, rows, error_count, actor_id, updated_at)
    VALUES (${crypto.randomUUID()}::uuid, ${kind}::"ImportKind", ${hash}, ${fileName}, 'invalid', ${rows}, ${errorCount}, ${actor.id}::uuid, now())
    ON CONFLICT (kind, sha256) DO UPDATE SET file_name = EXCLUDED.file_name, rows = EXCLUDED.rows, error_count = EXCLUDED.error_count,
      actor_id = EXCLUDED.actor_id, updated_at = now()
      WHERE import_batches.status <> 'done'`;
}

export type ImportBatchRow = {
  id: string; kind: ImportKind; fileName: string; status: "invalid" | "done"; rows: number; created: number; updated: number;
  errors: number; movementNumber: string | null; actor: string | null; at: string;
};

/** The latest imports, newest first (the /import page's history). */
export async function listImports(actor: Actor, take = 10): Promise<ImportBatchRow[]> {
  assertCan(actor, "import.run");
  const batches = await db.importBatch.findMany({ orderBy: { updatedAt: "desc" }, take });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(batches.map((b) => b.actorId))] } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  return batches.map((b) => ({
    id: b.id, kind: b.kind, fileName: b.fileName, status: b.status, rows: b.rows, created: b.createdCount, updated: b.updatedCount,
    errors: b.errorCount, movementNumber: b.movementNumber, actor: name.get(b.actorId) ?? null, at: b.updatedAt.toISOString(),
  }));
}
