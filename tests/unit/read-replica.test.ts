// The read replica's plumbing without a database (the real replica: tests/integration/read-replica.test.ts):
// unset, the read objects are the primary's; the replica pool falls back to the primary when the
// replica refuses a connection or cuts one mid-read, and not for a query it rejects.
import { EventEmitter } from "node:events";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, dbRead, hasReadReplica, pgPool, poolSql, readPool, readSql, replicaPool, ReplicaPool } from "@/lib/db";
import { log } from "@/lib/log";
import { noteWrite, onReplica, readDb, readsFromReplica } from "@/lib/read-replica";
import { freePort } from "../support/wait";

afterEach(() => vi.restoreAllMocks());

/** A stand-in pg client answering every query with `rows` (or failing with `error`). */
function fakeClient(rows: unknown[], error?: Error) {
  return Object.assign(new EventEmitter(), {
    query: (_text: unknown, _values: unknown, cb: (err: Error | undefined, res?: unknown) => void) => setImmediate(() => (error ? cb(error) : cb(undefined, { rows }))),
    release: vi.fn(),
  });
}

/** A stand-in primary pool: every read answers `[{ from: "primary" }]`. */
function fakePrimary() {
  const client = fakeClient([{ from: "primary" }]);
  return { client, pool: { connect: vi.fn(async () => client), query: vi.fn(async () => ({ rows: [{ from: "primary" }] })) } as unknown as pg.Pool };
}

describe("without DATABASE_READ_URL", () => {
  it("the read pool, client and runner are the primary's, and a replica scope changes nothing", async () => {
    expect(process.env.DATABASE_READ_URL ?? "").toBe("");
    expect(hasReadReplica).toBe(false);
    expect(readPool).toBe(pgPool);
    expect(dbRead).toBe(db);
    expect(readSql).toBe(poolSql);
    expect(replicaPool).toBeNull();
    await noteWrite("someone");
    expect(await onReplica({ id: "someone" }, async () => [readsFromReplica(), readDb() === db])).toEqual([false, true]);
  });
});

describe("ReplicaPool", () => {
  it("reads on the primary when the replica refuses connections, and skips the replica for a while", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const primary = fakePrimary();
    const pool = new ReplicaPool({ connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/nowhere`, connectionTimeoutMillis: 2_000 }, primary.pool);
    try {
      expect((await pool.query("SELECT 1")).rows).toEqual([{ from: "primary" }]);
      expect(pool.fallingBack).toBe(true);
      // While down: straight to the primary, no new attempt, one warning only.
      const connectReplica = vi.spyOn(pg.Pool.prototype, "connect");
      expect(await pool.connect()).toBe(primary.client);
      expect((await pool.query("SELECT 2")).rows).toEqual([{ from: "primary" }]);
      expect(connectReplica).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain("read replica unreachable");
    } finally {
      await pool.end();
    }
  });

  it("reads again on the primary when the replica cuts the connection, not when it rejects the query", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => {});
    const primary = fakePrimary();
    const pool = new ReplicaPool({ connectionString: "postgresql://postgres@127.0.0.1:1/unused" }, primary.pool);
    const cut = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    vi.spyOn(pg.Pool.prototype, "connect").mockImplementation((async () => fakeClient([], cut)) as never);
    expect((await pool.query("SELECT 1")).rows).toEqual([{ from: "primary" }]);
    expect(primary.pool.query).toHaveBeenCalledWith("SELECT 1");
    expect(pool.fallingBack).toBe(true);

    const rejected = Object.assign(new Error('relation "nope" does not exist'), { code: "42P01" });
    const other = new ReplicaPool({ connectionString: "postgresql://postgres@127.0.0.1:1/unused" }, primary.pool);
    vi.spyOn(pg.Pool.prototype, "connect").mockImplementation((async () => fakeClient([], rejected)) as never);
    await expect(other.query("SELECT * FROM nope")).rejects.toThrow('relation "nope" does not exist');
    expect(other.fallingBack).toBe(false);
  });
});
