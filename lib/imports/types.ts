import { z } from "zod";

export const IMPORT_KINDS = ["products", "opening_stock", "serial_items"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importKindSchema = z.enum(IMPORT_KINDS);

/**
 * One problem with one row. `row` is the line in the file (the header is line 1); `key` and
 * `values` name a message of the "import" namespace, `message` is the English text.
 */
export type RowError = { row: number; column: string | null; message: string; key?: string; values?: Record<string, string | number> };

export type ImportProgress = { phase: "validate" | "apply"; done: number; total: number };
export type OnProgress = (p: ImportProgress) => void;

export type ImportOutcome =
  | { status: "done"; kind: ImportKind; batchId: string; rows: number; created: number; updated: number; movementNumber: string | null }
  | { status: "already"; kind: ImportKind; batchId: string; rows: number; movementNumber: string | null; importedAt: string }
  | { status: "invalid"; kind: ImportKind; rows: number; errorCount: number; errors: RowError[] };

/** Rows that failed, by their row numbers; thrown inside the apply transaction to roll it back. */
export class RowErrors extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors[0]?.message ?? "Invalid rows.");
    this.name = "RowErrors";
  }
}

/** Rows are validated first; this many are checked between two progress reports. */
export const PROGRESS_EVERY = 250;
