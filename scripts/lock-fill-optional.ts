// The npm mirror this project is built against lacks some platform builds of native packages
// (e.g. @next/swc-darwin-arm64 at our exact Next version). `npm install` then silently leaves their
// entries out of package-lock.json, and `npm ci` refuses the lock as "out of sync". This adds the
// missing entries as optional, platform-restricted packages (os/cpu/libc copied from the nearest
// published build), so `npm ci` accepts the lock; on this platform they are skipped as usual, and
// on a machine with the full registry npm fetches them normally.
// Run after `npm install`: `node --import tsx scripts/lock-fill-optional.ts`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

type Entry = { version?: string; optional?: boolean; os?: string[]; cpu?: string[]; libc?: string[]; optionalDependencies?: Record<string, string> };
const lockPath = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { packages: Record<string, Entry> };

function resolves(from: string, name: string): boolean {
  // Node resolution: node_modules/<name> next to `from`, then in each parent node_modules.
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    const i = dir.lastIndexOf("/node_modules/");
    if (i < 0) return dir === "" ? false : !!lock.packages[`node_modules/${name}`];
    dir = dir.slice(0, i);
  }
}

function platformOf(name: string): Pick<Entry, "os" | "cpu" | "libc"> {
  const out = execFileSync("npm", ["view", name, "os", "cpu", "libc", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const v = JSON.parse(out || "{}") as { os?: string[]; cpu?: string[]; libc?: string[] };
  return { ...(v.os ? { os: v.os } : {}), ...(v.cpu ? { cpu: v.cpu } : {}), ...(v.libc ? { libc: v.libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      console.warn(`skip ${name}@${range} (from ${path || "root"}): not an exact version`);
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version: range, optional: true, ...platformOf(name) };
    added++;
    console.log(`added ${name}@${range}`);
  }
}
if (added) {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
  fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
}
console.log(added ? `${added} optional platform entries added to ${lockPath}` : "package-lock.json already lists every optional dependency");
