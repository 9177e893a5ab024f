// Structured logs on pino: one JSON object per line (stdout; LOG_FILE to write a file instead), level
// LOG_LEVEL (default info). Under NODE_ENV=development, pino-pretty (a devDependency) prints them
// readable when it is installed; production never loads it. Every line logged while a request or a
// job runs carries its id (`reqId`, or `requestIds` for a job; lib/request-context.ts). Fields named
// like secrets (authorization, cookie, password, token, secret…) are redacted, at any of the first
// three levels — by prepare() below rather than pino's `redact`, whose wildcard paths cost ~40 µs a
// line (measured), more than the movement hot path itself; this walk costs well under 1 µs for a
// flat line and copies only what it changes. See docs/observability.md.
//
//   log.info("outbox dispatched", { ids })     — the call shape of the whole tree
import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";
import { requestContext } from "./request-context";

type Fields = Record<string, unknown>;

/** Field names whose values never reach a log line (compared lower-cased). */
export const SECRET_KEYS = new Set(["authorization", "cookie", "set-cookie", "password", "passwordhash", "token", "accesstoken", "refreshtoken", "secret", "apikey", "x-api-key"]);
export const REDACTED = "[redacted]";
/** How deep redaction looks: the fields, and objects two levels down (`headers.authorization`, `body.user.password`). */
const REDACT_DEPTH = 3;

function context(): Fields {
  const s = requestContext.getStore();
  if (!s) return {};
  return s.reqId ? { reqId: s.reqId } : s.requestIds?.length ? { requestIds: s.requestIds } : {};
}

function prettyStream(): DestinationStream | undefined {
  if (process.env.NODE_ENV !== "development") return undefined;
  try {
    // Resolved from the project, not from this file: Next bundles lib/ under `next dev`.
    const req = createRequire(path.join(process.cwd(), "package.json"));
    return (req("pino-pretty") as (o: object) => DestinationStream)({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined; // not installed: JSON
  }
}

/** A pino logger with the app's options, writing to `dest` (tests pass a captured stream). */
export function createLogger(dest?: DestinationStream): Logger {
  const pretty = dest ? undefined : prettyStream();
  const stream = dest ?? pretty ?? bufferedDestination();
  return pino(
    {
      level: process.env.LOG_LEVEL || "info",
      base: { pid: process.pid },
      timestamp: isoTime,
      // Level names ("info") rather than numbers, except for pino-pretty, which reads the numbers.
      formatters: pretty ? {} : { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: errorOrValue, reason: errorOrValue },
      mixin: context,
    },
    stream,
  );
}

/**
 * stdout (or LOG_FILE), written synchronously in blocks of whole lines — from 2 KiB, at most 4 KiB —
 * and at least every 250 ms. One asynchronous write per line (pino's async mode) cost the movement
 * POST about 70 µs of CPU in the web process (measured, scripts/web-server.ts: a thread-pool write
 * per request); blocks cost about 1 µs a line. At most 4 KiB (PIPE_BUF): the web workers of
 * `npm start` share one stdout pipe, and a larger write could interleave with another worker's.
 * What is left is written when the process exits.
 */
function bufferedDestination(): DestinationStream {
  const file = process.env.LOG_FILE;
  // LOG_BUFFER_BYTES=0 writes every line at once (tests that read a worker's log as it happens).
  const buffered = Number(process.env.LOG_BUFFER_BYTES ?? 2048);
  const minLength = Number.isInteger(buffered) && buffered >= 0 ? Math.min(buffered, 4096) : 2048;
  const dest = pino.destination({ dest: file || 1, sync: true, minLength, maxWrite: 4096, periodicFlush: 250, ...(file ? { mkdir: true, append: true } : {}) });
  // pino flushes only its asynchronous destinations at exit; this one holds up to 2 KiB.
  process.on("exit", () => {
    try {
      dest.flushSync();
    } catch {
      // Never opened (a file that could not be created): nothing to save.
    }
  });
  return dest;
}

let second = -1;
let secondPrefix = "";
/**
 * pino's `,"time":"<ISO 8601>"`, with the date and time formatted once a second: new
 * Date().toISOString() per line was 4 µs of the movement POST (measured).
 */
export function isoTime(now = Date.now()): string {
  const s = Math.floor(now / 1000);
  if (s !== second) {
    second = s;
    secondPrefix = new Date(s * 1000).toISOString().slice(0, 19);
  }
  const ms = now - s * 1000;
  return `,"time":"${secondPrefix}.${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z"`;
}

function errorOrValue(v: unknown): unknown {
  return v instanceof Error ? pino.stdSerializers.err(v) : v;
}

/**
 * The fields as they are logged: secrets redacted (SECRET_KEYS, REDACT_DEPTH levels), and an Error
 * anywhere among them written with its name, message and stack (JSON.stringify would give {}).
 * Returns the same object when nothing changes.
 */
export function prepare(fields: Fields, depth = 1): Fields {
  let out: Fields | undefined;
  for (const k in fields) {
    const v = fields[k];
    let w: unknown = v;
    if (SECRET_KEYS.has(k.toLowerCase())) w = REDACTED;
    else if (v instanceof Error) w = depth === 1 && (k === "err" || k === "error" || k === "reason") ? v : pino.stdSerializers.err(v);
    else if (depth < REDACT_DEPTH && v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) w = prepare(v as Fields, depth + 1);
    if (w !== v) (out ??= { ...fields })[k] = w;
  }
  return out ?? fields;
}

const g = globalThis as unknown as { __wmsLogger?: Logger };
/** One logger (and one buffered stdout writer) per process, shared by scripts/ and Next's bundle. */
export const logger: Logger = (g.__wmsLogger ??= createLogger());

/** The app's logger: `log.info(msg, fields)`. */
export function wrap(l: Logger) {
  return {
    info: (msg: string, fields?: Fields) => (fields ? l.info(prepare(fields), msg) : l.info(msg)),
    warn: (msg: string, fields?: Fields) => (fields ? l.warn(prepare(fields), msg) : l.warn(msg)),
    error: (msg: string, fields?: Fields) => (fields ? l.error(prepare(fields), msg) : l.error(msg)),
    debug: (msg: string, fields?: Fields) => (fields ? l.debug(prepare(fields), msg) : l.debug(msg)),
  };
}

export const log = wrap(logger);
