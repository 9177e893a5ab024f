// With SMTP_URL set, alert emails go out over SMTP (nodemailer) — here to a tiny smtp-server sink
// started by the test — once per opening, with the stable Message-ID and the X-WMS-Ref header.
import { afterAll, beforeAll, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { db } from "@/lib/db";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor } from "../../support/fixtures";
import { cleanupQueues, freePort, jobsTestEnv, parseMail, startWorker, stopAll, waitFor, waitIdle } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let env: ReturnType<typeof jobsTestEnv>;

beforeAll(async () => {
  const port = await freePort();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString()));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  env = jobsTestEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "WMS Alerts <alerts@wms.test>" });
  // Earlier test files ran without a worker and left their follow-ups in the outbox; sent over SMTP
  // to every manager those files created, they would take longer than this test waits. This test
  // is about its own alert: the backlog is settled first.
  await db.$executeRaw`UPDATE outbox_events SET dispatched_at = now() WHERE dispatched_at IS NULL`;
  await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("sends the alert email over SMTP once, and records it as sent", async () => {
  const manager = await actorFor("manager");
  const [loc] = await makeLocations(1);
  const sku = await makeProduct(manager, { minStock: 5 });
  await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 2 }] }); // 2 < 5: warning
  const alert = await waitFor("the alert", () => db.stockAlert.findFirst({ where: { product: { sku } } }));
  await waitIdle();
  const mails = received.map((m) => ({ ...m, ...parseMail(m.raw) })).filter((m) => m.subject.startsWith(`[WMS] Low stock: ${sku} is below its minimum stock`));
  expect(mails).toHaveLength(1);
  const managerEmail = (await db.user.findUniqueOrThrow({ where: { id: manager.id } })).email;
  expect(mails[0].to).toContain(managerEmail);
  expect(mails[0].from).toBe("alerts@wms.test");
  expect(mails[0].ref).toBe(`alert:${alert.id}:1`);
  const row = await db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `alert:${alert.id}:1` } });
  expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
  expect(mails[0].messageId).toBe(`<${row.id}@wms.local>`);
});
