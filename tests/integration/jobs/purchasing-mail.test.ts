// Purchase order notifications end to end: each status change writes its in-app notifications and
// one email in the transaction of the change; a real worker sends it. The right people get it (never
// the one who made the change), and a worker killed before sending and started again sends each
// email exactly once.
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createPurchaseOrder, transitionPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { actorFor, uniq } from "../../support/fixtures";
import { capturedMail, cleanupQueues, jobsTestEnv, startWorker, stopAll, waitIdle } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv();

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
});

const emailOf = async (a: Actor) => (await db.user.findUniqueOrThrow({ where: { id: a.id } })).email;

describe("purchase order notifications", () => {
  it("mails the people concerned once per change, also across a worker killed before sending", async () => {
    const [purchaser, approver, clerk, manager, admin] = await Promise.all((["purchaser", "approver", "clerk", "manager", "admin"] as const).map((r) => actorFor(r)));
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(admin);
    const code = uniq("SUP");
    await createSupplier(purchaser, { code, name: `Supplier ${code}`, currency: "CNY" });

    // Changes made while no worker runs: the emails wait in the outbox.
    const o = await createPurchaseOrder(purchaser, { supplier: code, lines: [{ sku, quantity: 10, unitPrice: "3" }] });
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    await transitionPurchaseOrder(approver, o.number, { action: "reject", reason: "Wrong supplier" });
    await transitionPurchaseOrder(purchaser, o.number, { action: "reopen" });
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    await transitionPurchaseOrder(approver, o.number, { action: "approve" });
    await receivePurchaseOrder(clerk, o.number, { location: loc, lines: [{ sku, quantity: 4 }] });

    // A worker that dies on the spot (SIGKILL) while the backlog is sent, then a fresh one.
    const first = await startWorker(env);
    await new Promise((r) => setTimeout(r, 300));
    await first.kill();
    await startWorker(env);
    await waitIdle();

    const events = await db.purchaseOrderEvent.findMany({ where: { orderId: o.id, action: { notIn: ["create", "edit"] } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["submit", "reject", "reopen", "submit", "approve", "receive"]);
    const mails = capturedMail(env.MAIL_CAPTURE_DIR).filter((m) => events.some((e) => m.ref === `po-event:${e.id}`));
    const byEvent = (i: number) => mails.filter((m) => m.ref === `po-event:${events[i].id}`);
    const [p, a, c, m] = await Promise.all([purchaser, approver, clerk, manager].map(emailOf));

    // submit → approvers (and admins), not the submitter
    for (const i of [0, 3]) {
      expect(byEvent(i)).toHaveLength(1);
      expect(byEvent(i)[0].to).toContain(a);
      expect(byEvent(i)[0].to).not.toContain(p);
    }
    // reject → the creator, with the reason
    expect(byEvent(1)).toHaveLength(1);
    expect(byEvent(1)[0].to).toContain(p);
    expect(byEvent(1)[0].to).not.toContain(a);
    expect(byEvent(1)[0].raw).toContain("Wrong supplier");
    // reopen by the creator: nobody else concerned, no email
    expect(byEvent(2)).toHaveLength(0);
    // approve → the creator and the receivers ("expected"), not the approver
    expect(byEvent(4)).toHaveLength(1);
    for (const who of [p, c, m]) expect(byEvent(4)[0].to).toContain(who);
    expect(byEvent(4)[0].to).not.toContain(a);
    // receipt → the creator
    expect(byEvent(5)).toHaveLength(1);
    expect(byEvent(5)[0].to).toContain(p);
    expect(byEvent(5)[0].to).not.toContain(c);
    expect(byEvent(5)[0].raw).toContain(o.number);

    // Exactly one email per change, in the database and on the wire.
    expect(mails).toHaveLength(5);
    expect(await db.emailMessage.count({ where: { dedupeKey: { in: events.map((e) => `po-event:${e.id}`) } } })).toBe(5);
    // In-app: the purchaser got reject, approve and receive; the approver both submits.
    expect(await db.notification.count({ where: { userId: purchaser.id, kind: "purchase.changed" } })).toBe(3);
    expect(await db.notification.count({ where: { userId: approver.id, kind: "purchase.changed" } })).toBe(2);
    const n = await db.notification.findFirstOrThrow({ where: { userId: clerk.id, kind: "purchase.changed" } });
    expect(n.data).toMatchObject({ number: o.number, from: "submitted", to: "approved", action: "approve" });
  });
});
