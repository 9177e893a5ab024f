// A streaming replica of the test cluster for tests/integration/read-replica.test.ts: pg_basebackup
// (-R: a standby that streams from the primary) into a temp dir owned by `postgres`, started with
// pg_ctl on a free local port, its unix socket in the same dir. No import of the app here: lib/db
// reads DATABASE_READ_URL when imported, so the test starts this first and imports the app after.
// The primary's pg_hba.conf must allow replication from 127.0.0.1 (.ci/run adds the line;
// docs/development.md).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort, waitFor } from "./wait";

const run = promisify(execFile);
const HBA_FIX = "add `host replication all 127.0.0.1/32 trust` to the primary's pg_hba.conf and reload it (`SELECT pg_reload_conf()`); .ci/run does both (docs/development.md)";

export type PgReplica = {
  port: number;
  /** The test database on the replica. */
  url: string;
  /** One query on the replica (its own connection). */
  query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  /** pg_ctl stop (fast); idempotent. */
  stop(): Promise<void>;
  /** Stops it if running and removes its directory; idempotent, never throws. */
  destroy(): Promise<void>;
};

/** As user postgres (we run as root; PostgreSQL refuses to run as root). */
function asPostgres(cmd: string, args: string[]) {
  return run("runuser", ["-u", "postgres", "--", cmd, ...args], { timeout: 60_000 });
}

export async function startReplica(primaryUrl: string): Promise<PgReplica> {
  const primary = new URL(primaryUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wms-replica-"));
  const data = path.join(dir, "data");
  let started = false;
  let pgCtl = "";
  const stop = async () => {
    if (!started) return;
    started = false;
    await asPostgres(pgCtl, ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]).catch(() => {});
  };
  const destroy = async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run("chown", ["postgres:postgres", dir]);
    fs.chmodSync(dir, 0o700);
    try {
      await asPostgres("pg_basebackup", ["-h", primary.hostname, "-p", primary.port || "5432", "-U", decodeURIComponent(primary.username || "postgres"), "-D", data, "-R", "-X", "stream", "-c", "fast"]);
    } catch (e) {
      const stderr = String((e as { stderr?: string }).stderr ?? (e as Error).message);
      if (/replication|pg_hba\.conf/i.test(stderr)) throw new Error(`PostgreSQL refused the replication connection pg_basebackup needs: ${HBA_FIX}.\npg_basebackup said: ${stderr.trim()}`);
      throw new Error(`pg_basebackup failed: ${stderr.trim()}`);
    }
    // A hot standby needs at least the primary's max_connections (and the like); same as it then.
    const { settings, major } = await primarySettings(primaryUrl);
    // The server binaries of the primary's major version (Debian: /usr/lib/postgresql/15/bin).
    pgCtl = path.join(process.env.PG_BIN || `/usr/lib/postgresql/${major}/bin`, "pg_ctl");
    const port = await freePort();
    // Debian keeps the configuration in /etc, so the copied data dir has none: a minimal one.
    fs.writeFileSync(
      path.join(data, "postgresql.conf"),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "hot_standby = on",
        "shared_buffers = 16MB",
        "fsync = off",
        ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`),
      ].join("\n") + "\n",
    );
    fs.writeFileSync(path.join(data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    await run("chown", ["postgres:postgres", path.join(data, "postgresql.conf"), path.join(data, "pg_hba.conf")]);
    await asPostgres(pgCtl, ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start"]).catch((e: { stderr?: string }) => {
      const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000) : "";
      throw new Error(`the replica did not start: ${e.stderr ?? ""}\n${log}`);
    });
    started = true;
    const url = new URL(primaryUrl);
    url.hostname = "127.0.0.1";
    url.port = String(port);
    const replica: PgReplica = {
      port,
      url: url.toString(),
      async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
        const client = new pg.Client({ connectionString: url.toString(), application_name: "wms-replica-test" });
        await client.connect();
        try {
          return (await client.query<T>(sql, values)).rows;
        } finally {
          await client.end();
        }
      },
      stop,
      destroy,
    };
    await waitFor("the replica to accept connections", async () => (await replica.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r"))[0].r, { timeout: 30_000 });
    return replica;
  } catch (e) {
    await destroy();
    throw e;
  }
}

async function primarySettings(primaryUrl: string): Promise<{ settings: Record<string, string>; major: number }> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
       WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction', 'server_version_num')`,
    );
    const all = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    const { server_version_num: version, ...settings } = all;
    return { settings, major: Math.floor(Number(version) / 10000) };
  } finally {
    await client.end();
  }
}
