// Alerts and in-stock flags driven end to end: movements commit with their outbox row, a real worker
// process dispatches and runs the jobs, emails land as .eml files in the capture directory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { updateProduct } from "@/lib/catalog/update-product";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { postMovement } from "@/lib/stock/post-movement";
import { setOwnLocale } from "@/lib/users/set-own-locale";
import { actorFor } from "../../support/fixtures";
import { capturedMail, cleanupQueues, jobsTestEnv, startWorker, stopAll, waitFor, waitIdle } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv();

beforeAll(async () => {
  await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
});

const mailsFor = (sku: string) => capturedMail(env.MAIL_CAPTURE_DIR).filter((m) => m.subject.includes(` ${sku} `));
const productId = async (sku: string) => (await db.product.findUniqueOrThrow({ where: { sku } })).id;

describe("three-tier alerts", () => {
  it("opens a warning, escalates to critical and out with one email each, and resolves without one", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 10, safetyStock: 4 });
    const issue = (quantity: number) => postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity }] });

    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 12 }] });
    await waitIdle();
    expect(await db.stockAlert.count({ where: { product: { sku } } })).toBe(0);

    await issue(5); // 7 < 10
    const opened = await waitFor("a warning alert", () => db.stockAlert.findFirst({ where: { product: { sku }, status: "open", level: "warning" } }));
    expect(opened).toMatchObject({ onHand: 7, threshold: 10, revision: 1 });
    await waitIdle();
    expect(mailsFor(sku)).toHaveLength(1);

    await issue(4); // 3 < 4
    await waitFor("critical", () => db.stockAlert.findFirst({ where: { id: opened.id, level: "critical" } }));
    await waitIdle();
    expect(mailsFor(sku)).toHaveLength(2);

    await issue(3); // 0
    await waitFor("out", () => db.stockAlert.findFirst({ where: { id: opened.id, level: "out" } }));
    await waitIdle();
    expect(mailsFor(sku)).toHaveLength(3);

    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 20 }] });
    const resolved = await waitFor("resolved", () => db.stockAlert.findFirst({ where: { id: opened.id, status: "resolved" } }));
    expect(resolved.onHand).toBe(20);
    await waitIdle();

    // Exactly one email per open / escalation, none on resolve: the real messages, in order.
    const mails = mailsFor(sku);
    expect(mails.map((m) => m.ref)).toEqual([`alert:${opened.id}:1`, `alert:${opened.id}:2`, `alert:${opened.id}:3`]);
    expect(mails[0].subject).toBe(`[WMS] Low stock: ${sku} is below its minimum stock (7 on hand)`);
    expect(mails[1].subject).toContain("is below its safety stock (3 on hand)");
    expect(mails[2].subject).toContain("is out of stock (0 on hand)");
    for (const m of mails) expect(m.raw).toMatch(/Minimum stock: 10/);
    const managerEmail = (await db.user.findUniqueOrThrow({ where: { id: manager.id } })).email;
    expect(mails[0].to).toContain(managerEmail);
    // One in-app notification per transition for each manager and admin — the clerk gets none.
    expect(await db.notification.count({ where: { alertId: opened.id, userId: manager.id } })).toBe(3);
    expect(await db.notification.count({ where: { alertId: opened.id, userId: clerk.id } })).toBe(0);
    const actions = await db.auditLog.findMany({ where: { entity: "alert", entityId: opened.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["alert.open", "alert.escalate", "alert.escalate", "alert.resolve"]);

    // A new shortage after recovery is a new alert.
    await issue(15);
    await waitFor("a second alert", () => db.stockAlert.findFirst({ where: { product: { sku }, status: "open", id: { not: opened.id } } }));
    expect(await db.stockAlert.count({ where: { product: { sku } } })).toBe(2);
  });

  it("a manager acknowledges; an escalation reopens; the API lists it; a threshold change alone re-checks", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 10, safetyStock: 2 });
    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 8 }] });
    const alert = await waitFor("warning", () => db.stockAlert.findFirst({ where: { product: { sku }, level: "warning" } }));

    await expect(acknowledgeAlert(clerk, alert.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await acknowledgeAlert(manager, alert.id);
    await acknowledgeAlert(manager, alert.id); // twice is harmless
    const acked = await db.stockAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedById: manager.id });
    const inbox = await listNotifications(manager);
    expect(inbox.items.find((n) => n.data.alertId === alert.id)?.read).toBe(true);

    const page = await listAlerts(clerk, { status: "acknowledged", sku });
    expect(page.items).toEqual([
      expect.objectContaining({ sku, level: "warning", onHand: 8, threshold: 10, status: "acknowledged", openedAt: alert.openedAt.toISOString(), acknowledgedBy: "Test manager" }),
    ]);

    await postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 7 }] }); // 1 < 2
    await waitFor("escalation reopens it", () => db.stockAlert.findFirst({ where: { id: alert.id, level: "critical", status: "open" } }));

    // Raising the safety stock is no movement, but the product's alert follows (outbox from updateProduct).
    await updateProduct(manager, sku, { minStock: 0 });
    await waitFor("resolved by the threshold change", () => db.stockAlert.findFirst({ where: { id: alert.id, status: "resolved" } }));
    const e = await acknowledgeAlert(manager, alert.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("INVALID_TRANSITION");
  });

  it("a notice resolves with its alert: the bell stops counting it and shows it resolved", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 5, safetyStock: 2 });
    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 3 }] });
    await postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 3 }] }); // out of stock
    const alert = await waitFor("an out-of-stock alert", () => db.stockAlert.findFirst({ where: { product: { sku }, status: "open", level: "out" } }));
    await waitIdle();
    const mine = (inbox: Awaited<ReturnType<typeof listNotifications>>) => inbox.items.filter((n) => n.data.sku === sku);
    const before = await listNotifications(manager, 50);
    expect(mine(before)).toEqual([expect.objectContaining({ kind: "alert.opened", read: false, resolved: false })]);

    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 10 }] });
    await waitFor("resolved", () => db.stockAlert.findFirst({ where: { id: alert.id, status: "resolved" } }));
    await waitIdle();
    const after = await listNotifications(manager, 50);
    expect(mine(after)).toEqual([expect.objectContaining({ kind: "alert.opened", read: true, resolved: true })]);
    expect(after.unread).toBe(before.unread - 1);
    expect(await db.notification.count({ where: { alertId: alert.id, readAt: null } })).toBe(0);

    // A notice left unread on an alert resolved before this rule (stale) is not counted either.
    await db.notification.updateMany({ where: { alertId: alert.id, userId: manager.id }, data: { readAt: null } });
    expect((await listNotifications(manager, 50)).unread).toBe(after.unread);
  });

  it("emails in the recipient's language: a zh manager gets the alert in Chinese, once, the others in English", async () => {
    const zhManager = await actorFor("manager");
    await setOwnLocale(zhManager, "zh");
    try {
      const clerk = await actorFor("clerk");
      const [loc] = await makeLocations(1);
      const sku = await makeProduct(zhManager, { minStock: 5, safetyStock: 2 });
      await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 3 }] }); // 3 < 5: warning
      const alert = await waitFor("a warning", () => db.stockAlert.findFirst({ where: { product: { sku }, status: "open" } }));
      await waitIdle();
      const zhEmail = (await db.user.findUniqueOrThrow({ where: { id: zhManager.id } })).email;
      const rows = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `alert:${alert.id}:` } }, orderBy: { dedupeKey: "asc" } });
      expect(rows.map((r) => r.dedupeKey)).toEqual([`alert:${alert.id}:1`, `alert:${alert.id}:1:zh`]);
      const [en, zh] = rows;
      expect(zh.to).toEqual([zhEmail]);
      expect(en.to).not.toContain(zhEmail);
      expect(zh.subject).toBe(`[WMS] 库存不足：${sku} 低于最低库存（现有 3）`);
      expect(zh.text).toContain("最低库存：5");
      expect(zh.text).toContain("级别：    警告");
      expect(en.subject).toBe(`[WMS] Low stock: ${sku} is below its minimum stock (3 on hand)`);
      expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    } finally {
      // Other tests count the alert emails: this manager reads no more of them.
      await db.user.update({ where: { id: zhManager.id }, data: { active: false } });
    }
  });

  it("products without a threshold never alert", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 0 });
    await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] });
    await postMovement(manager, { type: "out", lines: [{ sku, location: loc, quantity: 1 }] });
    await waitIdle();
    expect(await db.stockAlert.count({ where: { product: { sku } } })).toBe(0);
  });
});

describe("in-stock recomputation", () => {
  it("flips inStock false at 0 and true on receipt, counting available stock only", async () => {
    const manager = await actorFor("manager");
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(manager);
    const id = await productId(sku);
    const inStock = async () => (await db.product.findUniqueOrThrow({ where: { id } })).inStock;
    expect(await inStock()).toBe(false);

    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 2 }] });
    await waitFor("inStock true", inStock);
    await postMovement(manager, { type: "transfer", lines: [{ sku, from: a, to: b, quantity: 2 }] });
    await waitIdle();
    expect(await inStock()).toBe(true);
    await postMovement(manager, { type: "out", lines: [{ sku, location: b, quantity: 2 }] });
    await waitFor("inStock false", async () => !(await inStock()));

    // Reserved stock is not available.
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 3 }] });
    await waitFor("inStock true again", inStock);
    await db.stockLevel.updateMany({ where: { productId: id, location: { code: a } }, data: { reserved: 3 } });
    await postMovement(manager, { type: "in", lines: [{ sku, location: b, quantity: 1 }] });
    await postMovement(manager, { type: "out", lines: [{ sku, location: b, quantity: 1 }] });
    await waitIdle();
    expect(await inStock()).toBe(false);
    // That reserved figure was planted without a reservation: take it back, so reconciliation
    // (reserved = Σ reservations) finds nothing for later tests.
    await db.stockLevel.updateMany({ where: { productId: id, location: { code: a } }, data: { reserved: 0 } });
  });
});
