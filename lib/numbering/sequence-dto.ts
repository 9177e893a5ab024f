// Sequences as the admin page and the audit log see them: configuration plus live counters.
// For standard sequences the live counter is the PostgreSQL SEQUENCE's (numbering_peek), read for
// all listed sequences and their ranges in one query.
import type { DbClient, Prisma } from "../db";
import type { DateRangeDto, SequenceDto } from "./schemas";

const include = { company: { select: { id: true, code: true, name: true, timeZone: true } }, dateRanges: { orderBy: { dateFrom: "desc" } } } as const;
type SequenceRow = Prisma.SequenceGetPayload<{ include: typeof include }>;

export async function loadSequences(client: DbClient, where: Prisma.SequenceWhereInput = {}): Promise<SequenceDto[]> {
  const rows = await client.sequence.findMany({ where, include });
  const live = await liveCounters(client, rows.filter((r) => r.implementation === "standard").map((r) => r.id));
  return rows
    .map((r) => toDto(r, live))
    .sort((a, b) => a.code.localeCompare(b.code) || (a.company?.code ?? "").localeCompare(b.company?.code ?? ""));
}

export async function loadSequence(client: DbClient, id: string): Promise<SequenceDto | null> {
  return (await loadSequences(client, { id }))[0] ?? null;
}

/** Live next values keyed by sequence id (no range) or range id. */
async function liveCounters(client: DbClient, standardIds: string[]): Promise<Map<string, number>> {
  if (standardIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ key: string; value: bigint | null }[]>`
    SELECT s.id::text AS key, numbering_peek(numbering_pg_name(s.id, NULL)) AS value
    FROM sequences s WHERE s.id = ANY(${standardIds}::uuid[])
    UNION ALL
    SELECT r.id::text, numbering_peek(numbering_pg_name(r.sequence_id, r.date_from))
    FROM sequence_date_ranges r WHERE r.sequence_id = ANY(${standardIds}::uuid[])`;
  return new Map(rows.filter((r) => r.value !== null).map((r) => [r.key, Number(r.value)]));
}

function toDto(r: SequenceRow, live: Map<string, number>): SequenceDto {
  const ranges: DateRangeDto[] = r.dateRanges.map((d) => ({
    id: d.id,
    dateFrom: d.dateFrom.toISOString().slice(0, 10),
    dateTo: d.dateTo.toISOString().slice(0, 10),
    numberNext: live.get(d.id) ?? d.numberNext,
  }));
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    prefix: r.prefix,
    suffix: r.suffix,
    padding: r.padding,
    increment: r.increment,
    numberNext: live.get(r.id) ?? r.numberNext,
    implementation: r.implementation,
    useDateRange: r.useDateRange,
    rangePeriod: r.rangePeriod,
    company: r.company ? { id: r.company.id, code: r.company.code, name: r.company.name } : null,
    timeZone: r.company?.timeZone ?? "UTC",
    active: r.active,
    ranges,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
