// Expected failures carry a fixed code; the code decides the HTTP status and the form message.
// Anything else is unexpected: logged with context, shown as a generic message, never a stack trace.
// Type-only: the zod schemas import this module (through lib/pagination.ts) and are bundled for
// the browser too, where Prisma's runtime cannot load.
import type { Prisma } from "./generated/prisma/client";

type KnownRequestError = InstanceType<typeof Prisma.PrismaClientKnownRequestError>;

/** Prisma's known request error, recognised by name and shape instead of `instanceof`. */
function isKnownRequestError(e: unknown): e is KnownRequestError {
  return e instanceof Error && e.name === "PrismaClientKnownRequestError" && typeof (e as { code?: unknown }).code === "string";
}

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INSUFFICIENT_STOCK: 409,
  DUPLICATE: 409,
  INVALID_TRANSITION: 409,
  IN_USE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type Issue = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function validationError(issues: Issue[], message = "The request is not valid."): AppError {
  return new AppError("VALIDATION_FAILED", message, { issues });
}

/** Turns zod issues into the API's `details.issues` with dotted paths (`lines.0.quantity`). */
export function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

const UNIQUE_FIELD_NAMES: Record<string, string> = { sku: "SKU", barcode: "Barcode", code: "Code", email: "Email", name: "Name" };

/**
 * Maps known database failures to AppErrors in one place: unique violation → DUPLICATE,
 * restrict-FK violation → IN_USE, record missing → NOT_FOUND. Returns the error unchanged otherwise.
 */
export function fromDatabaseError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (isKnownRequestError(e)) {
    if (e.code === "P2002") {
      const fields = uniqueFields(e);
      const field = fields.find((f) => f !== "parent_id" && f !== "parentId") ?? fields[0] ?? "value";
      const label = UNIQUE_FIELD_NAMES[field] ?? field;
      return new AppError("DUPLICATE", `${label} already exists.`, { fields, issues: [{ path: camel(field), message: `${label} already exists.` }] });
    }
    if (e.code === "P2003") return new AppError("IN_USE", "This record is still referenced and cannot be removed.");
    if (e.code === "P2025") return new AppError("NOT_FOUND", "Not found.");
  }
  return e;
}

function uniqueFields(e: KnownRequestError): string[] {
  const meta = e.meta as Record<string, unknown> | undefined;
  const target = meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  // Driver adapters report the constraint instead: { driverAdapterError: { cause: { constraint: { fields } } } }
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { fields?: string[]; index?: string } } })?.cause;
  if (cause?.constraint?.fields) return cause.constraint.fields.map((f) => f.replaceAll('"', ""));
  const index = cause?.constraint?.index;
  if (index) {
    const m = /^[a-z_]+?_(.+)_key$/.exec(index);
    if (m) return [m[1]];
  }
  return [];
}

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
