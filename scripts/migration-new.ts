// Offline `prisma migrate dev --create-only` / `prisma migrate diff`, on the wasm schema engine
// (scripts/prisma-engine/engine.ts), because the native engine cannot be downloaded here.
//
//   npm run db:migration:new -- <name>   write prisma/migrations/<UTC yyyymmddHHMMSS>_<name>/migration.sql
//                                        with what schema.prisma has that the migrations do not create
//   npm run db:drift                     (= --check) exit 0 if the migrations produce schema.prisma,
//                                        otherwise print the SQL that is missing and exit 1
//
// Options: --schema <file|dir> (default prisma/schema.prisma), --migrations-dir <dir> (default
// prisma/migrations). Exit status 2 when the tool itself fails (e.g. a migration does not apply).
//
// How: every migration is applied to a temporary shadow database `<db>_shadow_<hex>` created on the
// server of DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/wms, see scripts/lib/database.ts)
// and dropped afterwards; the engine's main connection only opens that server's "postgres" database.
// The database named by DATABASE_URL is neither read nor changed, and need not exist.
//
// The engine only knows what the Prisma schema language can express. It ignores CHECK constraints,
// triggers, functions and (without the "views" preview feature) views, but it does see indexes, so an
// index created by raw SQL in a migration (GIN/trigram, partial, …) shows up as a DROP INDEX. Nothing is
// filtered out: the generated file says so in its header and flags each DROP of an object that an
// earlier migration created, so the developer decides.
import fs from "node:fs/promises";
import path from "node:path";
import { databaseUrl } from "./lib/database";
import { readMigrationsList, withSchemaEngine, type EngineLogLine } from "./prisma-engine/engine";

const USAGE = `usage: npm run db:migration:new -- <name> [--schema <path>] [--migrations-dir <dir>]
       npm run db:drift [-- --schema <path>] [--migrations-dir <dir>]   (= migration-new.ts --check)`;

type Args = { check: boolean; name?: string; schema: string; migrationsDir: string };

function parseArgs(argv: string[]): Args {
  const args: Args = { check: false, schema: "prisma/schema.prisma", migrationsDir: "prisma/migrations" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--check") args.check = true;
    else if (a === "--schema") args.schema = value();
    else if (a === "--migrations-dir") args.migrationsDir = value();
    else if (a === "--help" || a === "-h") throw new UsageError("");
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (args.name === undefined) args.name = a;
    else throw new UsageError(`unexpected argument ${a} (one migration name, use _ between words)`);
  }
  if (args.check && args.name !== undefined) throw new UsageError("--check takes no migration name");
  if (!args.check && args.name === undefined) throw new UsageError("a migration name is required");
  return args;
}

class UsageError extends Error {}

/** Like Prisma's CLI: lower case, runs of other characters become "_". */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!s) throw new UsageError(`"${name}" is not usable as a migration name`);
  return s;
}

function utcTimestamp(d = new Date()): string {
  return d.toISOString().replace(/\D/g, "").slice(0, 14); // yyyymmddHHMMSS
}

async function readSchemaFiles(schema: string): Promise<[string, string][]> {
  const abs = path.resolve(schema);
  const stat = await fs.stat(abs).catch(() => null);
  if (!stat) throw new Error(`schema not found: ${schema}`);
  const files = stat.isDirectory()
    ? (await fs.readdir(abs, { recursive: true }))
        .filter((f) => f.endsWith(".prisma"))
        .sort()
        .map((f) => path.join(abs, f))
    : [abs];
  if (!files.length) throw new Error(`no .prisma files in ${schema}`);
  return Promise.all(files.map(async (f): Promise<[string, string]> => [f, await fs.readFile(f, "utf8")]));
}

/**
 * Adds a comment above each statement that drops an index, constraint, table, type or view an earlier
 * migration created, naming that migration. Only comments are added; no statement is touched.
 */
function annotateDrops(sql: string, migrations: { name: string; sql: string }[]): { sql: string; notes: number } {
  let notes = 0;
  const out: string[] = [];
  const drop = /^\s*(?:DROP\s+(?:INDEX|TABLE|TYPE|VIEW|MATERIALIZED VIEW)|ALTER\s+TABLE\s+.*\bDROP\s+CONSTRAINT)\s+(?:IF\s+EXISTS\s+)?(?:"[^"]+"\.)?"([^"]+)"/i;
  for (const line of sql.split("\n")) {
    const m = drop.exec(line);
    if (m) {
      const object = m[1];
      const escaped = object.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const word = new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`);
      const from = migrations.filter((mig) => word.test(mig.sql)).map((mig) => mig.name);
      if (from.length) {
        notes++;
        out.push(
          `-- REVIEW: "${object}" comes from ${from.join(", ")}. If it is raw SQL the Prisma schema cannot`,
          `-- express, delete this statement; otherwise it is a real change.`,
        );
      }
    }
    out.push(line);
  }
  return { sql: out.join("\n"), notes };
}

function header(command: string, schema: string, migrationsDir: string): string {
  return `-- Generated by \`${command}\` on ${new Date().toISOString()}:
-- the SQL that takes a database built by ${migrationsDir} to ${schema},
-- computed offline by Prisma's schema engine (scripts/prisma-engine).
--
-- REVIEW IT BEFORE COMMITTING. The engine only knows what the Prisma schema expresses. Our migrations
-- also contain raw SQL (CHECK constraints, NULLS NOT DISTINCT unique indexes, triggers, views, indexes
-- written only in SQL); where the engine sees such an object (indexes above all) it emits SQL that
-- undoes it. Nothing was filtered out of this file: delete such statements by hand (REVIEW comments
-- mark drops of objects an earlier migration created), and add the raw SQL this change needs (e.g. a
-- CHECK for a new column) yourself.

`;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(e.message);
    console.error(USAGE);
    return e.message ? 2 : 0;
  }
  const name = args.name === undefined ? undefined : slug(args.name);
  const migrationsDir = path.resolve(args.migrationsDir);
  const schemaFiles = await readSchemaFiles(args.schema);
  const migrationsList = await readMigrationsList(migrationsDir);

  const url = new URL(databaseUrl());
  const dbName = decodeURIComponent(url.pathname.slice(1)).replace(/[^A-Za-z0-9_]/g, "_").slice(0, 30) || "prisma";
  url.pathname = "/postgres";

  const debug = Boolean(process.env.SCHEMA_ENGINE_DEBUG);
  const result = await withSchemaEngine(
    {
      url: url.toString(),
      shadowDatabasePrefix: `${dbName}_shadow_`,
      datamodels: schemaFiles,
      log: (line: EngineLogLine | string) => {
        if (debug) console.error(typeof line === "string" ? line : JSON.stringify(line));
        else if (typeof line !== "string" && (line.level === "ERROR" || line.level === "WARN")) {
          console.error(`schema-engine ${line.level}: ${line.fields?.message ?? ""}`);
        }
      },
    },
    (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: schemaFiles.map(([p, content]) => ({ path: p, content })) },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      }),
  );

  const empty = result.exitCode === 0;
  const migrations = migrationsList.migrationDirectories.map((d) => ({
    name: d.path,
    sql: d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : "",
  }));
  const rel = (p: string) => path.relative(process.cwd(), p) || ".";

  if (args.check) {
    if (empty) {
      console.log(`schema and migrations agree (${migrations.length} migration(s) in ${rel(migrationsDir)})`);
      return 0;
    }
    const { sql } = annotateDrops(result.stdout ?? "", migrations);
    console.log(`-- ${rel(migrationsDir)} does not produce ${args.schema}; this SQL is missing:\n`);
    console.log(sql.trimEnd());
    return 1;
  }

  if (empty) {
    console.log("no changes: the migrations already produce the schema; nothing written");
    return 0;
  }
  const last = migrations.at(-1)?.name;
  // Migrations sort by name: a new one must come after the latest even if that one is dated ahead.
  let stamp = utcTimestamp();
  if (last && last.slice(0, 14) >= stamp) {
    const l = last.slice(0, 14);
    const lastDate = new Date(Date.UTC(+l.slice(0, 4), +l.slice(4, 6) - 1, +l.slice(6, 8), +l.slice(8, 10), +l.slice(10, 12), +l.slice(12, 14)));
    stamp = utcTimestamp(new Date(lastDate.getTime() + 60 * 60 * 1000));
  }
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  const { sql, notes } = annotateDrops(result.stdout ?? "", migrations);
  const command = `npm run db:migration:new -- ${args.name}`;
  await fs.mkdir(dir, { recursive: false });
  await fs.writeFile(path.join(dir, "migration.sql"), header(command, args.schema, rel(migrationsDir)) + sql.trimEnd() + "\n");
  console.log(`created ${rel(path.join(dir, "migration.sql"))}`);
  console.log(
    notes
      ? `review it: ${notes} statement(s) drop objects earlier migrations created (marked REVIEW), maybe raw SQL the schema cannot express`
      : "review it before committing (see its header)",
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    console.error(message);
    process.exit(message === "interrupted" ? 130 : 2);
  },
);
