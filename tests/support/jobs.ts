// Helpers for the background-job integration tests: a real worker process (jobs/worker.ts) spawned
// against the test database, a private redis-server for outage tests, the captured .eml files, and
// waiting for conditions with a deadline. Everything started here is stopped by stopAll() — call it
// in afterAll, it runs even when a test failed.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Redis from "ioredis";
import { pgPool } from "@/lib/db";
import { QUEUE_NAMES } from "@/lib/queue/config";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { waitFor } from "./wait";
import { freePort } from "../../scripts/lib/free-port";

export { freePort, waitFor };

const ROOT = path.resolve(import.meta.dirname, "../..");

export type LogLine = { level: string; msg: string; [k: string]: unknown };

export type WorkerProcess = {
  pid: number;
  logs: LogLine[];
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog: (pred: (l: LogLine) => boolean, what: string, timeout?: number) => Promise<LogLine>;
  /** SIGTERM (graceful) and wait for exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: the process dies on the spot, mid-whatever. */
  kill: () => Promise<void>;
};

const children = new Set<ChildProcess>();

/**
 * A per-file test environment: a queue prefix of its own (so parallel runs and other developers'
 * workers on the same Redis never meet), a mail capture directory, fast lock expiry for stall tests.
 */
export function jobsTestEnv(extra: Record<string, string> = {}) {
  const id = crypto.randomBytes(4).toString("hex");
  const env = {
    QUEUE_PREFIX: `wmstest-${id}`,
    MAIL_CAPTURE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `wms-mail-${id}-`)),
    BACKUP_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `wms-backup-${id}-`)),
    JOBS_LOCK_DURATION_MS: "2000",
    OUTBOX_POLL_MS: "200",
    SUMMARY_REFRESH_DEBOUNCE_MS: "300",
    // No metrics port: several workers of a file (and other runs on the machine) would share 9464.
    WORKER_METRICS_PORT: "0",
    // Every log line written at once: tests count the worker's "job done" lines right after the work.
    LOG_BUFFER_BYTES: "0",
    ...extra,
  };
  // This process reads the same queues (dashboard functions, idle checks).
  Object.assign(process.env, env);
  return env;
}

export async function startWorker(env: Record<string, string>, opts: { waitReady?: boolean } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  const onData = (buf: Buffer, stream: "out" | "err") => {
    for (const line of buf.toString().split("\n")) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: stream === "err" ? "error" : "info", msg: line });
      }
    }
    for (const w of waiters) w();
  };
  let outBuf = "";
  child.stdout!.on("data", (d: Buffer) => {
    outBuf += d.toString();
    const i = outBuf.lastIndexOf("\n");
    if (i >= 0) {
      onData(Buffer.from(outBuf.slice(0, i)), "out");
      outBuf = outBuf.slice(i + 1);
    }
  });
  child.stderr!.on("data", (d: Buffer) => onData(d, "err"));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      children.delete(child);
      for (const w of waiters) w();
      resolve({ code, signal });
    }),
  );
  const waitForLog = (pred: (l: LogLine) => boolean, what: string, timeout = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const hit = logs.find(pred);
        if (hit) {
          done();
          resolve(hit);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`worker exited before ${what}: ${JSON.stringify(logs.slice(-10))}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; last logs: ${JSON.stringify(logs.slice(-10))}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const w: WorkerProcess = {
    pid: child.pid!,
    logs,
    child,
    exited,
    waitForLog,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  if (opts.waitReady !== false) await waitForLog((l) => l.msg === "worker ready", "worker ready");
  return w;
}

// ── A private redis-server (never the machine's shared one) ─────────────────────────────────

export type RedisServer = { port: number; url: string; pid: () => number | undefined; start: () => Promise<void>; stop: () => Promise<void> };

/** redis-server on its own port, in memory only; stop() and start() again on the same port. */
export async function redisServer(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url,
    pid: () => child?.pid,
    async start() {
      child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      children.add(child);
      const c = child;
      c.on("exit", () => children.delete(c));
      const failed = new Promise<never>((_, reject) => c.once("error", (e) => reject(new Error(`cannot start redis-server (needed for the outage test): ${e.message}`))));
      failed.catch(() => {});
      await Promise.race([failed, new Promise((r) => setImmediate(r))]);
      await waitFor(`redis-server on ${port}`, async () => {
        const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        r.on("error", () => {});
        try {
          await r.connect();
          return (await r.ping()) === "PONG";
        } finally {
          r.disconnect();
        }
      }, { timeout: 10_000 });
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await gone;
    },
  };
  await server.start();
  return server;
}

/** Kills every worker and redis-server this file started (SIGKILL after 10 s of SIGTERM). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      const t = setTimeout(() => c.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(t);
    }),
  );
}

/** Deletes every Redis key under the file's queue prefix, then closes this process's queues. */
export async function cleanupQueues(prefix: string, url = process.env.REDIS_URL || "redis://127.0.0.1:6379"): Promise<void> {
  await closeQueues();
  const r = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  r.on("error", () => {});
  try {
    await r.connect();
    let cursor = "0";
    do {
      const [next, keys] = await r.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== "0");
  } catch {
    // A private redis-server that is already gone has nothing to clean.
  } finally {
    r.disconnect();
  }
}

// ── State of the pipeline ───────────────────────────────────────────────────────────────────

export async function pendingOutbox(): Promise<number> {
  const { rows } = await pgPool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_events WHERE dispatched_at IS NULL");
  return Number(rows[0].n);
}

async function queuesBusy(): Promise<boolean> {
  for (const name of QUEUE_NAMES) {
    const q = getQueue(name);
    const c = await q.getJobCounts("wait", "prioritized", "active");
    if (Object.values(c).some((n) => n > 0)) return true;
    // Delayed jobs include each schedule's next run, which is not pending work; retries and the
    // debounced summary refresh are.
    if ((await q.getDelayed()).some((j) => !j.repeatJobKey)) return true;
  }
  return false;
}

/**
 * No pending outbox row and no job waiting, running or delayed (schedules aside). Queues are read
 * before and after the outbox, so a job that writes an outbox row (an alert check queueing its
 * email) cannot slip between the two reads.
 */
export async function idle(): Promise<boolean> {
  if (await queuesBusy()) return false;
  if ((await pendingOutbox()) > 0) return false;
  return !(await queuesBusy());
}

/** Waits until idle() holds twice in a row. */
export async function waitIdle(timeout = 30_000): Promise<void> {
  let streak = 0;
  try {
    await waitFor("the outbox and the queues to drain", async () => {
      streak = (await idle()) ? streak + 1 : 0;
      return streak >= 2;
    }, { timeout, interval: 150 });
  } catch (e) {
    // Say what is still pending, so a timeout is diagnosable.
    const counts: Record<string, unknown> = {};
    for (const name of QUEUE_NAMES) counts[name] = await getQueue(name).getJobCounts("wait", "prioritized", "active", "delayed", "failed");
    throw new Error(`${(e as Error).message}; pending outbox rows: ${await pendingOutbox()}; jobs: ${JSON.stringify(counts)}`);
  }
}

// ── Captured mail ───────────────────────────────────────────────────────────────────────────

export type CapturedMail = { file: string; subject: string; to: string; ref: string; messageId: string; raw: string };

/** Parses the .eml files nodemailer wrote (headers only; bodies stay in `raw`). */
export function capturedMail(dir: string): CapturedMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => ({ file: f, ...parseMail(fs.readFileSync(path.join(dir, f), "utf8")) }));
}

/** The headers we assert on, unfolded and matched case-insensitively, of a raw RFC 822 message. */
export function parseMail(raw: string): Omit<CapturedMail, "file"> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? "";
  return { subject: header("Subject"), to: header("To"), ref: header("X-WMS-Ref"), messageId: header("Message-ID"), raw };
}
