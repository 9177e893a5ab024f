// CPU time spent by the web server and by PostgreSQL per request, read from /proc (Linux): a
// figure that holds up better than requests/s when other work shares the machine. The server is
// every `next-server` process (or BENCH_SERVER_PIDS), PostgreSQL the backends of the database in
// DATABASE_URL. Elsewhere it reports nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMs(pid: string): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function lines(cmd: string, args: string[]): string[] {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).split("\n").map((s) => s.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** CPU milliseconds so far of each server process and PostgreSQL backend, by pid. */
export type CpuSample = { server: Map<string, number>; postgres: Map<string, number> };

export function sampleCpu(): CpuSample | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const server = process.env.BENCH_SERVER_PIDS?.split(",") ?? lines("pgrep", ["-f", "next-server"]);
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms");
  const dbName = decodeURIComponent(url.pathname.slice(1));
  const postgres = lines("psql", [url.toString(), "-Atc", `SELECT pid FROM pg_stat_activity WHERE datname = '${dbName.replaceAll("'", "''")}' AND pid <> pg_backend_pid()`]);
  return { server: new Map(server.map((p) => [p, cpuMs(p)])), postgres: new Map(postgres.map((p) => [p, cpuMs(p)])) };
}

/**
 * CPU milliseconds per request between two samples (a backend that appeared in between counts from
 * zero), or null where /proc is missing.
 */
export function cpuPerRequest(before: CpuSample | null, after: CpuSample | null, requests: number): { server: number; postgres: number } | null {
  if (!before || !after || requests === 0) return null;
  const spent = (a: Map<string, number>, b: Map<string, number>) => [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
  return { server: spent(before.server, after.server) / requests, postgres: spent(before.postgres, after.postgres) / requests };
}
