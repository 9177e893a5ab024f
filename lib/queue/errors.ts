// Which job failures are worth retrying. A retry helps when the cause is outside the job — the
// database or Redis briefly away, a deadlock, a pool timeout, an SMTP server hiccup. It cannot help
// when the job itself is wrong — an invalid payload, a refused permission, a broken constraint —
// so those fail at once (BullMQ's UnrecoverableError) instead of burning attempts for days.
import { z } from "zod";
import { AppError, type ErrorCode } from "../errors";

export type Classified = { retryable: boolean; reason: string };

const PERMANENT_APP_CODES: ErrorCode[] = [
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "INVALID_TRANSITION",
  "DUPLICATE",
  "IN_USE",
  "BAD_REQUEST",
  "INSUFFICIENT_STOCK",
];

// SQLSTATE classes: 08 connection, 40 transaction rollback (serialization, deadlock), 53 resources,
// 55P03 lock not available, 57 operator intervention (shutdown), 58 system error → transient.
const TRANSIENT_SQLSTATE = /^(08|40|53|57|58)|^55P03$/;
// 22 data exception, 23 integrity violation, 42 syntax/undefined object → the job is wrong.
const PERMANENT_SQLSTATE = /^(22|23|42)/;

function sqlState(e: unknown): string | undefined {
  const o = e as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const candidates = [o?.code, o?.meta?.code, o?.meta?.driverAdapterError?.cause?.originalCode, o?.meta?.driverAdapterError?.cause?.code];
  return candidates.find((c): c is string => typeof c === "string" && /^[0-9A-Z]{5}$/.test(c));
}

export function classifyError(e: unknown): Classified {
  if (e instanceof z.ZodError) return { retryable: false, reason: "validation" };
  if (e instanceof AppError) {
    return PERMANENT_APP_CODES.includes(e.code) ? { retryable: false, reason: e.code } : { retryable: true, reason: e.code };
  }
  const state = sqlState(e);
  if (state && TRANSIENT_SQLSTATE.test(state)) return { retryable: true, reason: `sqlstate ${state}` };
  if (state && PERMANENT_SQLSTATE.test(state)) return { retryable: false, reason: `sqlstate ${state}` };
  const code = (e as { code?: unknown } | null)?.code;
  // Prisma: P1xxx = cannot reach / talk to the database; P2024 pool timeout; P2034 write conflict.
  if (typeof code === "string" && (/^P1\d{3}$/.test(code) || code === "P2024" || code === "P2034")) return { retryable: true, reason: code };
  if (typeof code === "string" && /^P2\d{3}$/.test(code)) return { retryable: false, reason: code };
  // Anything else (network errors, timeouts, SMTP 4xx, unknown bugs) gets the queue's attempts.
  return { retryable: true, reason: "unknown" };
}
