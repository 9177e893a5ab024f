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
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
/** Values filled into a translated message (`{sku}`, `{requested}`…). */
export type MessageParams = Record<string, string | number>;
/**
 * What to say, by key: a message key of messages/<locale>/<namespace>.json with its namespace
 * ("movements.errors.insufficient") and the values it takes. The English `message` beside it stays
 * for the REST API and the logs; forms and the handheld translate by the key
 * (lib/i18n/localize-error.ts). A `status`, `from` or `to` value (a state) is said in the user's language from
 * `<namespace>.statuses.<value>` where that exists.
 */
export type MessageRef = { key: string; params?: MessageParams };
export type Issue = { path: string; message: string; messageKey?: string; params?: MessageParams };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly messageKey?: string;
  readonly params?: MessageParams;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, ref?: MessageRef) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.messageKey = ref?.key;
    this.params = ref?.params;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.messageKey ? { messageKey: this.messageKey, ...(this.params ? { params: this.params } : {}) } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

/** A refusal as a server action returns it to the form: code, English message, its key and params, issues. */
export type ActionError = { code: ErrorCode; message: string; messageKey?: string; params?: MessageParams; issues?: Issue[] };

export function refusal(err: AppError): { ok: false; error: ActionError } {
  const issues = (err.details?.issues as Issue[] | undefined) ?? undefined;
  const ref = err.messageKey ? { messageKey: err.messageKey, ...(err.params ? { params: err.params } : {}) } : {};
  return { ok: false, error: { code: err.code, message: err.message, ...ref, ...(issues ? { issues } : {}) } };
}

/** An issue of `details.issues` said by key as well as in English. */
export function keyedIssue(path: string, message: string, key: string, params?: MessageParams): Issue {
  return { path, message, messageKey: key, ...(params ? { params } : {}) };
}

/** A refusal of one field, said by key: the error and its single issue carry the same message. */
export function fieldError(code: ErrorCode, path: string, message: string, key: string, params?: MessageParams): AppError {
  return new AppError(code, message, { issues: [keyedIssue(path, message, key, params)] }, { key, params });
}

export function validationError(issues: Issue[], message = "The request is not valid."): AppError {
  return new AppError("VALIDATION_FAILED", message, { issues });
}

/** Turns zod issues into the API's `details.issues` with dotted paths (`lines.0.quantity`). */
export function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

const UNIQUE_FIELD_NAMES: Record<string, string> = { sku: "SKU", barcode: "Barcode", code: "Code", email: "Email", name: "Name" };
/** The message key (validation namespace) of "<field> already exists." */
const UNIQUE_FIELD_KEYS: Record<string, string> = { sku: "skuExists", barcode: "barcodeExists", code: "codeExists", email: "emailExists", name: "nameExists" };

/**
 * The SQLSTATE of a failed query: from pg directly (`code`), or through Prisma's driver adapter
 * (`meta.driverAdapterError.cause.originalCode`).
 */
export function sqlStateOf(e: unknown): string | undefined {
  const o = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const cause = o?.meta?.driverAdapterError?.cause;
  // Prisma's own codes (P2002…) look like SQLSTATEs: only the driver's count for its errors.
  const own = e instanceof Error && e.name.startsWith("PrismaClient") ? undefined : o?.code;
  return [cause?.originalCode, cause?.code, own].find((c): c is string => typeof c === "string" && /^[0-9A-Z]{5}$/.test(c));
}

/** What a data exception (SQLSTATE class 22) means for the client; never the database's own text. */
function dataExceptionMessage(state: string): string {
  switch (state) {
    case "22003":
      return `A number is out of range: quantities and counters stop at ${2_147_483_647} (a stock level included).`;
    case "22007":
    case "22008":
      return "A date is out of range or not valid.";
    case "22021":
    case "22P05":
      return "Text contains characters that cannot be stored (NUL or invalid Unicode).";
    default:
      return "A value is not valid.";
  }
}

/**
 * Maps known database failures to AppErrors in one place: unique violation → DUPLICATE,
 * restrict-FK violation → IN_USE, record missing → NOT_FOUND, and any data exception (SQLSTATE class
 * 22: out-of-range numbers and dates, invalid text or JSON) → VALIDATION_FAILED — the input was
 * wrong, not the server; lib/validation.ts refuses most of these before they reach the database.
 * Returns the error unchanged otherwise.
 */
export function fromDatabaseError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (isKnownRequestError(e)) {
    if (e.code === "P2002") {
      const fields = uniqueFields(e);
      const field = fields.find((f) => f !== "parent_id" && f !== "parentId") ?? fields[0] ?? "value";
      const label = UNIQUE_FIELD_NAMES[field] ?? field;
      const message = `${label} already exists.`;
      const key = UNIQUE_FIELD_KEYS[field] ? `validation.${UNIQUE_FIELD_KEYS[field]}` : "validation.valueExists";
      const params = { field: label };
      return new AppError("DUPLICATE", message, { fields, issues: [keyedIssue(camel(field), message, key, params)] }, { key, params });
    }
    if (e.code === "P2003") return new AppError("IN_USE", "This record is still referenced and cannot be removed.", undefined, { key: "validation.inUse" });
    if (e.code === "P2025") return new AppError("NOT_FOUND", "Not found.", undefined, { key: "validation.notFound" });
  }
  const state = sqlStateOf(e);
  if (state?.startsWith("22")) {
    const message = dataExceptionMessage(state);
    return new AppError("VALIDATION_FAILED", message, { issues: [{ path: "", message }] });
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
