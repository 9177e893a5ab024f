// The number a sequence would issue next, consuming nothing (Odoo's _get_number_next_actual):
// for standard, the PostgreSQL SEQUENCE's state is read without nextval (numbering_peek); for
// no_gap, the counter row without locking it. A date without a range previews the range that first
// use would create, whose counter starts at 1. Concurrent callers may of course take the number
// between the preview and the document.
import { assertCan, type Actor } from "../auth/permissions";
import { db, type DbClient } from "../db";
import { parse } from "../validation";
import { newRangeBounds } from "./date-range";
import { documentDate, formatRow, LOOKUP_ARGS, lookupParams, RESOLVED_COLUMNS, sequenceNotFound, type NumberOptions, type ResolvedRow } from "./lookup";
import { companyIdByCode } from "./resolve-company";
import { numberRequestSchema } from "./schemas";

const PREVIEW_SQL = `
  SELECT ${RESOLVED_COLUMNS},
    CASE
      WHEN use_date_range AND range_id IS NULL THEN NULL
      WHEN implementation = 'standard' THEN numbering_peek(numbering_pg_name(sequence_id, range_from::date))
      ELSE COALESCE(range_next, number_next)
    END AS value
  FROM numbering_resolve(${LOOKUP_ARGS})`;

export async function previewNumber(code: string, opts: NumberOptions & { tx?: DbClient } = {}): Promise<string> {
  const client = opts.tx ?? db;
  const rows = await client.$queryRawUnsafe<(ResolvedRow & { value: bigint | number | null })[]>(PREVIEW_SQL, ...lookupParams(code, opts));
  const row = rows[0];
  if (!row) throw sequenceNotFound(code);
  if (row.value !== null) return formatRow(row, Number(row.value));
  if (row.range_id !== null) throw new Error(`numbering: the PostgreSQL sequence of "${code}" is missing`);
  const bounds = await newRangeBounds(client, row.sequence_id, row.range_period, documentDate(row));
  return formatRow(row, 1, bounds.from);
}

/** GET /api/v1/sequences/{code}/preview: any role with sequence.read. */
export async function previewSequence(actor: Actor, code: string, input: unknown): Promise<{ value: string }> {
  assertCan(actor, "sequence.read");
  const req = parse(numberRequestSchema, input);
  const companyId = await companyIdByCode(db, req.company);
  return { value: await previewNumber(code, { date: req.date, companyId }) };
}
