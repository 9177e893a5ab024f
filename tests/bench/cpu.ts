// CPU time per unit of work, read from /proc (Linux): a figure that holds up better than
// requests/s when other work shares the machine. A sample is the CPU milliseconds so far of every
// process in named groups (web workers, the job worker, PostgreSQL backends by application_name,
// Redis, …); the difference of two samples divided by the movements done is the cost per movement
// of each group. A process that appeared in between counts from zero. Elsewhere it reports nothing.
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

export function lines(cmd: string, args: string[]): string[] {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).split("\n").map((s) => s.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** Pids of the children of `pid` (e.g. the cluster workers of scripts/serve.ts, gunicorn's workers). */
export const childrenOf = (pid: number | string) => lines("pgrep", ["-P", String(pid)]);

/**
 * PostgreSQL backends of a database, grouped by application_name (lib/db.ts names ours wms-web and
 * wms-worker), plus `pg-aux`: the WAL writer, checkpointer and background writer, which work for
 * whoever writes (other databases' backends are not counted).
 */
export function postgresGroups(databaseUrl: string): Record<string, string[]> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.slice(1)).replaceAll("'", "''");
  const rows = lines("psql", [url.toString(), "-AtF", "\t", "-c", `SELECT pid, COALESCE(NULLIF(application_name, ''), 'other') FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`]);
  const groups: Record<string, string[]> = {};
  for (const row of rows) {
    const [pid, app] = row.split("\t");
    (groups[`pg:${app}`] ??= []).push(pid);
  }
  groups["pg-aux"] = lines("psql", [url.toString(), "-Atc", "SELECT pid FROM pg_stat_activity WHERE backend_type IN ('walwriter', 'checkpointer', 'background writer')"]);
  return groups;
}

export type CpuSample = Record<string, Map<string, number>>;

export function sampleCpu(groups: Record<string, string[]>): CpuSample | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  return Object.fromEntries(Object.entries(groups).map(([g, pids]) => [g, new Map(pids.map((p) => [p, cpuMs(p)]))]));
}

/** CPU milliseconds per unit between two samples, per group; null where /proc is missing. */
export function cpuPerUnit(before: CpuSample | null, after: CpuSample | null, units: number): Record<string, number> | null {
  if (!before || !after || units === 0) return null;
  const out: Record<string, number> = {};
  for (const [g, pids] of Object.entries(after)) {
    const was = before[g] ?? new Map<string, number>();
    let spent = 0;
    for (const [pid, ms] of pids) spent += ms - (was.get(pid) ?? 0);
    out[g] = spent / units;
  }
  return out;
}
