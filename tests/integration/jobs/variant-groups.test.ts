// Variant groups (seed 003): the group's inStock and price follow its members' in-stock flags,
// which the worker keeps up to date from movements. The seed's four price cases, end to end.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getVariantGroup, listVariantGroups } from "@/lib/catalog/list-variant-groups";
import { createVariantGroup, deleteVariantGroup, updateVariantGroup } from "@/lib/catalog/save-variant-group";
import { deleteProduct } from "@/lib/catalog/set-product-deleted";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor, uniq } from "../../support/fixtures";
import { cleanupQueues, jobsTestEnv, startWorker, stopAll, waitFor } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv();

beforeAll(async () => {
  await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const inStock = async (sku: string) => (await db.product.findUniqueOrThrow({ where: { sku } })).inStock;

describe("variant group inStock and price", () => {
  it("follows the seed's four cases as stock moves", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const price = (amount: string) => ({ amount, currency: "CNY" });
    const rose50 = await makeProduct(manager, { price: price("50.00") });
    const rose60 = await makeProduct(manager, { price: price("60.00") });
    const rose70 = await makeProduct(manager, { price: price("70.00") });
    const group = await createVariantGroup(manager, {
      name: uniq("Rose"),
      members: [
        { sku: rose60, priority: 2 },
        { sku: rose50, priority: 1 },
        { sku: rose70, priority: 3 },
      ],
    });
    expect(group.members.map((m) => [m.sku, m.priority])).toEqual([[rose50, 1], [rose60, 2], [rose70, 3]]);

    // None in stock yet: the highest price among the members.
    expect(group).toMatchObject({ inStock: false, price: price("70.00") });

    // Priority 1 in stock: its price (even though others are dearer).
    await postMovement(manager, { type: "in", lines: [{ sku: rose50, location: loc, quantity: 1 }, { sku: rose60, location: loc, quantity: 1 }] });
    await waitFor("roses in stock", async () => (await inStock(rose50)) && (await inStock(rose60)));
    expect(await getVariantGroup(manager, group.id)).toMatchObject({ inStock: true, price: price("50.00") });

    // Priority 1 sold out, priority 2 in stock: priority 2's price.
    await postMovement(manager, { type: "out", lines: [{ sku: rose50, location: loc, quantity: 1 }] });
    await waitFor("rose 50 out", async () => !(await inStock(rose50)));
    expect(await getVariantGroup(manager, group.id)).toMatchObject({ inStock: true, price: price("60.00") });

    // None in stock: the highest price among all members.
    await postMovement(manager, { type: "out", lines: [{ sku: rose60, location: loc, quantity: 1 }] });
    await waitFor("rose 60 out", async () => !(await inStock(rose60)));
    const none = await getVariantGroup(manager, group.id);
    expect(none).toMatchObject({ inStock: false, price: price("70.00") });
    expect(none.members.every((m) => !m.inStock)).toBe(true);

    // Empty group: no price.
    const empty = await updateVariantGroup(manager, group.id, { name: group.name, members: [] });
    expect(empty).toMatchObject({ inStock: false, price: null, members: [] });

    // A soft-deleted product is no member.
    await updateVariantGroup(manager, group.id, { name: group.name, members: [{ sku: rose70, priority: 1 }, { sku: rose60, priority: 2 }] });
    await deleteProduct(manager, rose70);
    expect(await getVariantGroup(manager, group.id)).toMatchObject({ price: price("60.00"), members: [expect.objectContaining({ sku: rose60 })] });
  });

  it("lists a page of groups with one query, filtered by stock and name", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const tag = uniq("LIST");
    const skus = [await makeProduct(manager, { price: { amount: "1.50", currency: "CNY" } }), await makeProduct(manager)];
    await postMovement(manager, { type: "in", lines: [{ sku: skus[0], location: loc, quantity: 1 }] });
    await waitFor("in stock", () => inStock(skus[0]));
    for (let i = 0; i < 12; i++) {
      await createVariantGroup(manager, { name: `${tag}-${String(i).padStart(2, "0")}`, members: i % 2 ? [{ sku: skus[0], priority: 1 }, { sku: skus[1], priority: 2 }] : [{ sku: skus[1], priority: 1 }] });
    }
    const spy = vi.spyOn(db, "$queryRaw");
    const page = await listVariantGroups(manager, { q: tag, limit: "10" });
    expect(spy).toHaveBeenCalledTimes(1); // members, inStock and price of all ten: no N+1
    spy.mockRestore();
    expect(page.items).toHaveLength(10);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listVariantGroups(manager, { q: tag, limit: "10", cursor: page.nextCursor! });
    expect(rest.items.map((g) => g.name)).toEqual([`${tag}-10`, `${tag}-11`]);
    const stocked = await listVariantGroups(manager, { q: tag, inStock: "true", limit: "50" });
    expect(stocked.items).toHaveLength(6);
    expect(stocked.items.every((g) => g.inStock && g.price?.amount === "1.50")).toBe(true);
    expect((await listVariantGroups(manager, { q: tag, inStock: "false", limit: "50" })).items).toHaveLength(6);
  });

  it("validates members, refuses duplicates and clerks, deletes", async () => {
    const manager = await actorFor("manager");
    const sku = await makeProduct(manager);
    const name = uniq("Group");
    const bad = await failure(createVariantGroup(manager, { name, members: [{ sku: "NO-SUCH-SKU", priority: 1 }] }));
    expect(bad.code).toBe("VALIDATION_FAILED");
    expect(bad.details!.issues).toEqual([{ path: "members.0.sku", message: 'Unknown SKU or barcode "NO-SUCH-SKU".', messageKey: "movements.errors.unknownProduct", params: { code: "NO-SUCH-SKU" } }]);
    const twice = await failure(createVariantGroup(manager, { name, members: [{ sku, priority: 1 }, { sku, priority: 2 }] }));
    expect(twice.details!.issues).toEqual([expect.objectContaining({ path: "members.1.sku" })]);
    const zero = await failure(createVariantGroup(manager, { name, members: [{ sku, priority: 0 }] }));
    expect(zero.details!.issues).toEqual([expect.objectContaining({ path: "members.0.priority" })]);
    expect((await failure(createVariantGroup(await actorFor("clerk"), { name, members: [] }))).code).toBe("FORBIDDEN");

    const g = await createVariantGroup(manager, { name, members: [{ sku: `BC-${sku}`, priority: 1 }] }); // by barcode
    expect(g.members[0].sku).toBe(sku);
    expect((await failure(createVariantGroup(manager, { name, members: [] }))).code).toBe("DUPLICATE");
    await deleteVariantGroup(manager, g.id);
    expect((await failure(getVariantGroup(manager, g.id))).code).toBe("NOT_FOUND");
    expect(await db.product.count({ where: { sku } })).toBe(1);
    expect(await db.auditLog.count({ where: { entity: "variantGroup", entityId: g.id } })).toBe(2);
  });
});
