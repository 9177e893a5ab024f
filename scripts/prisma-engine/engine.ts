// Prisma's schema engine without the native binary: the official WebAssembly build
// (@prisma/schema-engine-wasm) driven through @prisma/adapter-pg. Gives scripts/migration-new.ts an
// offline `prisma migrate diff` / `migrate dev --create-only`. The wasm build must stay on the engine
// version matching our prisma CLI; both are pinned in package.json.
//
// What it takes to run it under Node 20 (each point was a failure before it was handled):
//  - schema_engine.js does `import * as wasm from "./schema_engine_bg.wasm"`, which Node cannot import.
//    We import the JS glue (schema_engine_bg.js) and instantiate the .wasm bytes ourselves.
//  - The engine expects the *error-capturing* adapter shape that the Prisma CLI builds with
//    bindMigrationAwareSqlAdapterFactory (@prisma/driver-adapter-utils, adapter-pg's own dependency):
//    every method returns `{ ok, value | error }`. Handing it a plain PrismaPg factory fails inside
//    the wasm with "Cannot read properties of undefined (reading 'valueOf')".
//  - The engine's catalogue queries return Postgres' one-byte `"char"` type (pg_constraint.contype, …),
//    which adapter-pg rejects ("Column type 'char' could not be deserialized"). We report such columns
//    as ColumnType Character, which is what the engine expects (Text makes it panic).
//  - adapter-pg's executeScript splits scripts on ";", which breaks on a ";" in a comment, a string or
//    a function body. Migration scripts are sent whole instead (simple query protocol, as Prisma does).
//  - adapter-pg's own connectToShadowDb drops the shadow database while its pool is still connected,
//    which fails. We create and drop it ourselves (DROP … WITH (FORCE)), also after errors and panics.
//  - A Rust panic surfaces as an uncaught "RuntimeError: unreachable" thrown from a microtask, with
//    the message stored in globalThis.PRISMA_WASM_PANIC_REGISTRY. withSchemaEngine turns it into a
//    rejection and cleans up; the wasm instance is unusable afterwards (the process should exit).
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { DiffParams, DiffResult, DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

// ---------------------------------------------------------------------------------------------
// Loading the wasm module
// ---------------------------------------------------------------------------------------------

type PanicRegistry = { message: string; get(): string; set_message(m: string): void };
const globals = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

function panicRegistry(): PanicRegistry {
  globals.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    get() {
      return this.message;
    },
    set_message(m: string) {
      this.message = m;
    },
  };
  return globals.PRISMA_WASM_PANIC_REGISTRY;
}

let loaded: Promise<typeof bg> | undefined;

/** Instantiates the wasm engine once per process and returns its JS bindings. */
export function loadSchemaEngineWasm(): Promise<typeof bg> {
  loaded ??= (async () => {
    panicRegistry();
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await fs.readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// The driver adapter
// ---------------------------------------------------------------------------------------------

const PG_CHAR_OID = 18; // the one-byte "char" type of the catalogues, not char(n) (bpchar)
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("charColumns");

type PgResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[] };

/** Lets adapter-pg accept "char" columns (as text) and remembers where they were, on the rows array. */
function markCharColumns<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as PgResultLike[]) {
    const indexes: number[] = [];
    r?.fields?.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    if (indexes.length && r.rows) Object.defineProperty(r.rows, CHAR_COLUMNS, { value: indexes });
  }
  return result;
}

function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pool.query calls client.query with a callback; direct client use gets a promise back
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === "function") {
        args[last] = (err: unknown, res: unknown) => (callback as (e: unknown, r: unknown) => void)(err, err ? res : markCharColumns(res));
      }
      const r = query(...args);
      return r instanceof Promise ? r.then(markCharColumns) : r;
    };
  });
  pool.on("error", () => {}); // idle clients die when a shadow database is force-dropped; nothing to do
  return pool;
}

function withCharTypes(rs: SqlResultSet): SqlResultSet {
  const indexes = (rs.rows as unknown as { [CHAR_COLUMNS]?: number[] })[CHAR_COLUMNS];
  if (indexes) for (const i of indexes) rs.columnTypes[i] = ColumnTypeEnum.Character;
  return rs;
}

function lineOf(script: string, position: number): number {
  return script.slice(0, position).split("\n").length;
}

/** Runs a whole script in one round trip, like the native engine (multi-statement simple query). */
async function executeScript(pool: pg.Pool, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (e) {
    const err = e as pg.DatabaseError;
    if (typeof err.code !== "string" || typeof err.severity !== "string") throw e;
    const where = err.position ? ` (line ${lineOf(script, Number(err.position))})` : "";
    throw new DriverAdapterError({
      kind: "postgres",
      code: err.code,
      severity: err.severity,
      message: `${err.message}${where}`,
      detail: err.detail,
      column: err.column,
      hint: err.hint,
    });
  }
}

function wrapTransaction(tx: Transaction): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: async (q) => withCharTypes(await tx.queryRaw(q)),
    executeRaw: (q) => tx.executeRaw(q),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
    ...(tx.createSavepoint && { createSavepoint: (n: string) => tx.createSavepoint!(n) }),
    ...(tx.rollbackToSavepoint && { rollbackToSavepoint: (n: string) => tx.rollbackToSavepoint!(n) }),
    ...(tx.releaseSavepoint && { releaseSavepoint: (n: string) => tx.releaseSavepoint!(n) }),
  };
}

/**
 * An adapter-pg adapter on its own pool, with the fixes above. On dispose, `beforeEnd` runs before the
 * pool is ended (a shadow database is force-dropped there, which also ends a script still running in it).
 */
async function openAdapter(url: string, beforeEnd: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = newPool(url);
  const inner = await new PrismaPg(pool).connect();
  let disposed = false;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: async (q) => withCharTypes(await inner.queryRaw(q)),
    executeRaw: (q) => inner.executeRaw(q),
    executeScript: (script) => executeScript(pool, script),
    startTransaction: async (isolationLevel) => wrapTransaction(await inner.startTransaction(isolationLevel)),
    ...(inner.getConnectionInfo && { getConnectionInfo: () => inner.getConnectionInfo!() }),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await inner.dispose();
      try {
        await beforeEnd();
      } finally {
        await pool.end();
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type PgAdapterFactoryOptions = {
  /** Database the engine's main connection opens (`connect()`). */
  url: string;
  /**
   * Shadow databases are created on the same server as `url`, named `<prefix><random hex>`
   * (letters, digits and underscores only; at most 63 characters in all).
   */
  shadowDatabasePrefix: string;
};

export type PgMigrationAdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  /** Disposes every adapter still open and drops every shadow database still existing. */
  cleanup(): Promise<void>;
};

/** A migration-aware adapter factory over adapter-pg: main connection plus temporary shadow databases. */
export function createPgAdapterFactory({ url, shadowDatabasePrefix }: PgAdapterFactoryOptions): PgMigrationAdapterFactory {
  if (!/^[A-Za-z0-9_]{1,46}$/.test(shadowDatabasePrefix)) {
    throw new Error(`Invalid shadow database prefix "${shadowDatabasePrefix}" (letters, digits, _; ≤ 46 characters)`);
  }
  const open = new Set<SqlDriverAdapter>();
  const shadows = new Set<string>();
  const pending = new Set<Promise<unknown>>(); // connections being opened, shadow databases being created
  let closing = false;
  const dropShadow = async (name: string) => {
    await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    shadows.delete(name);
  };
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.add(adapter);
    const dispose = adapter.dispose;
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    return adapter;
  };
  const guarded = <T>(work: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new Error("the adapter factory has been cleaned up"));
    const p = work();
    pending.add(p);
    const settle = () => pending.delete(p);
    p.then(settle, settle);
    return p;
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => guarded(async () => track(await openAdapter(url, async () => {}))),
    connectToShadowDb: () =>
      guarded(async () => {
        const name = `${shadowDatabasePrefix}${crypto.randomBytes(8).toString("hex")}`;
        shadows.add(name);
        await adminQuery(url, `CREATE DATABASE "${name}"`);
        return track(await openAdapter(withDatabase(url, name), () => dropShadow(name)));
      }),
    cleanup: async () => {
      closing = true;
      await Promise.allSettled([...pending]); // a CREATE DATABASE in flight must finish before the DROP
      const errors: unknown[] = [];
      for (const adapter of [...open]) await adapter.dispose().catch((e) => errors.push(e));
      for (const name of [...shadows]) await dropShadow(name).catch((e) => errors.push(e));
      if (errors.length) throw new AggregateError(errors, `cleanup failed: ${errors.map(String).join("; ")}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running the engine
// ---------------------------------------------------------------------------------------------

export type EngineLogLine = { level?: string; fields?: { message?: string } & Record<string, unknown>; target?: string };

export type SchemaEngineOptions = PgAdapterFactoryOptions & {
  /** Prisma schema files as [path, content]; the engine validates them up front. */
  datamodels?: [string, string][];
  /** Receives each engine log line (JSON-decoded when possible). Default: warnings and errors to stderr. */
  log?: (line: EngineLogLine | string) => void;
};

/** A Rust panic reaches JS as `RuntimeError: unreachable`; its message is in the panic registry. */
function withPanicMessage(e: unknown): unknown {
  const panic = panicRegistry().message;
  if (!(e instanceof WebAssembly.RuntimeError) || !panic) return e;
  return new Error(`schema engine panicked (the engine cannot be used again in this process): ${panic}`, { cause: e });
}

function defaultLog(line: EngineLogLine | string): void {
  if (typeof line === "string") return;
  if (line.level === "ERROR" || line.level === "WARN") console.error(`schema-engine ${line.level}: ${line.fields?.message ?? ""}`);
}

/**
 * Starts the engine with a pg adapter factory, runs `fn`, then frees the engine, disposes every
 * connection and drops the shadow databases, also when `fn` fails, the engine panics or the user
 * presses Ctrl-C.
 */
export async function withSchemaEngine<T>(options: SchemaEngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const wasm = await loadSchemaEngineWasm();
  const factory = createPgAdapterFactory(options);
  const log = options.log ?? defaultLog;

  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const onUncaught = (e: unknown) => fail(withPanicMessage(e));
  // One Ctrl-C under `npm run` often arrives twice (from the terminal and forwarded by npm): a second
  // SIGINT only abandons the cleanup when it comes more than 2 s after the first.
  let interruptedAt = 0;
  const onSigint = () => {
    if (interruptedAt && Date.now() - interruptedAt > 2000) process.exit(130);
    interruptedAt ||= Date.now();
    fail(new Error("interrupted"));
  };
  process.on("uncaughtException", onUncaught);
  process.on("SIGINT", onSigint);

  let engine: SchemaEngine | undefined;
  try {
    engine = await Promise.race([
      wasm.SchemaEngine.new(
        { datamodels: options.datamodels },
        (line: string) => {
          let parsed: EngineLogLine | string = line;
          try {
            parsed = JSON.parse(line) as EngineLogLine;
          } catch {
            // not JSON: pass the raw line on
          }
          log(parsed);
        },
        bindMigrationAwareSqlAdapterFactory(factory),
      ),
      failed,
    ]);
    return await Promise.race([fn(engine), failed]);
  } catch (e) {
    throw withPanicMessage(e);
  } finally {
    try {
      engine?.free();
    } catch {
      // after a panic the instance is gone; nothing to free
    }
    try {
      await factory.cleanup();
    } finally {
      process.off("uncaughtException", onUncaught);
      process.off("SIGINT", onSigint);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/**
 * Reads a migrations directory the way the Prisma CLI does: every subdirectory, in name order, with
 * its migration.sql (a missing file is passed on as an error, which the engine reports).
 */
export async function readMigrationsList(baseDir: string, shadowDbInitScript = ""): Promise<MigrationList> {
  const lockfilePath = "migration_lock.toml";
  const lockfile = { path: lockfilePath, content: await fs.readFile(path.join(baseDir, lockfilePath), "utf8").catch(() => null) };
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b))
      .map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await fs
            .readFile(path.join(baseDir, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
  );
  return { baseDir, lockfile, shadowDbInitScript, migrationDirectories };
}
