// `npm run demo`: create the database if missing, migrate, seed demo data when empty, build, and
// serve on http://localhost:3000 with `npm start`'s server (scripts/serve.ts) (plus the background worker once it exists). Ctrl-C stops all.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { databaseUrl, ensureDatabase, migrate } from "./lib/database";
import { runOrExit } from "./lib/run";
import { ensureSystemData } from "./lib/system-data";

const url = databaseUrl();
const port = process.env.PORT || "3000";

// A stable secret for this checkout, so sessions survive restarts of the demo.
function demoSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

const env = { ...process.env, DATABASE_URL: url, AUTH_SECRET: demoSecret(), NEXT_TELEMETRY_DISABLED: "1", DISABLE_HSTS: "1" };

if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
await migrate(url, (l) => console.log(l));
await ensureSystemData(url);
await runOrExit("node", ["--import", "tsx", "prisma/seed.ts"], { env: { ...env, NODE_ENV: "development" } });
await runOrExit("npx", ["next", "build"], { env });

// Each child leads its own process group, so stopping reaches what it started too (`npx` leaves
// next-server running when only npx itself is signalled).
const children: ChildProcess[] = [spawn("node", ["--import", "tsx", "scripts/serve.ts", "-p", port], { stdio: "inherit", env, detached: true })];
if (fs.existsSync(path.join(process.cwd(), "jobs", "worker.ts"))) {
  // Without SMTP_URL the demo's emails are written as .eml files to .data/mail (open them in any mail client).
  const mail = process.env.SMTP_URL ? {} : { MAIL_CAPTURE_DIR: process.env.MAIL_CAPTURE_DIR || path.join(process.cwd(), ".data", "mail") };
  children.push(spawn("node", ["--import", "tsx", "jobs/worker.ts"], { stdio: "inherit", env: { ...env, ...mail, NODE_ENV: "production" }, detached: true }));
  if (!process.env.SMTP_URL) console.log(`Emails are captured in ${mail.MAIL_CAPTURE_DIR} (set SMTP_URL to send them).`);
}
console.log(`\nWMS demo on http://localhost:${port} — sign in as admin@example.com / demo-password. Ctrl-C stops.`);

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGTERM");
    } catch {
      c.kill("SIGTERM");
    }
  }
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on("exit", r))))).then(() => process.exit(code));
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
for (const c of children) c.on("exit", (code) => stop(code ?? 1));
