// Starts the background worker (jobs/worker.ts) as a child process for the e2e runner: waits for its
// "worker ready" line, logs to a file, and stops it (SIGTERM, then SIGKILL) — by its own pid only.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Redis from "ioredis";

export type StartedWorker = { child: ChildProcess; stop: () => Promise<void> };

export async function startWorkerProcess(env: NodeJS.ProcessEnv, logFile: string, timeoutMs = 60_000): Promise<StartedWorker> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the worker did not become ready in ${timeoutMs} ms (see ${logFile})`)), timeoutMs);
    child.stdout!.on("data", (d: Buffer) => {
      seen = (seen + d.toString()).slice(-10_000);
      if (seen.includes('"msg":"worker ready"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited with ${code} before it was ready (see ${logFile})`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(t);
    }
    log.end();
  };
  return { child, stop };
}

/** Deletes the Redis keys of a queue prefix used by one test run. */
export async function deleteQueueKeys(prefix: string, url = process.env.REDIS_URL || "redis://127.0.0.1:6379"): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
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
    // Nothing to clean when Redis is unreachable.
  } finally {
    r.disconnect();
  }
}
