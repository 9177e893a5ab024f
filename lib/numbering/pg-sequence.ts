// The PostgreSQL SEQUENCE objects behind `standard` sequences. DDL runs in the caller's transaction
// so a sequence record and its SEQUENCE appear, change and disappear together (PostgreSQL's
// CREATE/ALTER/DROP SEQUENCE are transactional; ALTER also blocks nextval until commit, so a
// restart takes effect atomically with the record's update).
import type { DbClient } from "../db";

/** Same as SQL `numbering_pg_name` (migration 20261122010000_numbering); keep them in step. */
export function pgSequenceName(sequenceId: string, dateFrom?: string | null): string {
  const base = `seq_doc_${sequenceId.replaceAll("-", "").toLowerCase()}`;
  const name = dateFrom ? `${base}_${dateFrom.replaceAll("-", "")}` : base;
  // Identifiers cannot be bound as parameters; this shape is the guarantee nothing else gets in.
  if (!/^seq_doc_[0-9a-f]{32}(_\d{8})?$/.test(name)) throw new Error(`Bad sequence id or date: ${sequenceId} ${dateFrom ?? ""}`);
  return name;
}

export async function createPgSequence(tx: DbClient, name: string, start: number, increment: number): Promise<void> {
  await tx.$executeRawUnsafe(`CREATE SEQUENCE "${checked(name)}" AS bigint INCREMENT BY ${int(increment)} START WITH ${int(start)} MINVALUE 1`);
}

/** The next nextval returns `next`. */
export async function restartPgSequence(tx: DbClient, name: string, next: number): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER SEQUENCE "${checked(name)}" RESTART WITH ${int(next)}`);
}

export async function setPgSequenceIncrement(tx: DbClient, name: string, increment: number): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER SEQUENCE "${checked(name)}" INCREMENT BY ${int(increment)}`);
}

/**
 * Waits for every transaction that drew from the SEQUENCE to finish and keeps new nextval calls
 * out until this transaction ends (ALTER SEQUENCE's lock), so a following peek is final.
 */
export async function freezePgSequence(tx: DbClient, name: string): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER SEQUENCE "${checked(name)}" NO CYCLE`);
}

export async function dropPgSequence(tx: DbClient, name: string): Promise<void> {
  await tx.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS "${checked(name)}"`);
}

/** The value the next nextval will return, consuming nothing; null when the SEQUENCE is missing. */
export async function peekPgSequence(tx: DbClient, name: string): Promise<number | null> {
  const rows = await tx.$queryRaw<{ value: bigint | null }[]>`SELECT numbering_peek(${checked(name)}) AS value`;
  return rows[0]?.value == null ? null : Number(rows[0].value);
}

function checked(name: string): string {
  if (!/^seq_doc_[0-9a-f]{32}(_\d{8})?$/.test(name)) throw new Error(`Not a numbering sequence name: ${name}`);
  return name;
}

function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`Not an integer: ${n}`);
  return n;
}
