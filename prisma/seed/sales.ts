// Demo outbound data (development and tests only), made through the domain functions so every row
// is what the app itself writes (numbers, reservations, pick lists, movements, timeline, audit):
// four customers and one order in every state — a draft, confirmed ones (one with a backorder, due
// today), one being picked, packed, shipped, closed and cancelled. Skipped when any customer exists.
import type { Actor, Role } from "../../lib/auth/permissions";
import type { db as Db } from "../../lib/db";
import { createCustomer } from "../../lib/sales/customers";
import { createSalesOrder, transitionSalesOrder } from "../../lib/sales/orders";
import { createPickList, pickLine } from "../../lib/sales/pick-lists";
import { shipOrder } from "../../lib/sales/shipping";

type Client = typeof Db;

export const DEMO_CUSTOMERS = [
  { code: "CUST-BJ", name: "Beijing Retail Co.", contact: "Zhang Min", email: "purchasing@bj-retail.example.com", phone: "+86 10 5555 0111", currency: "CNY", shippingAddress: "18 Jianguo Road, Chaoyang, Beijing", billingAddress: "18 Jianguo Road, Chaoyang, Beijing" },
  { code: "CUST-SH", name: "Shanghai Hardware Ltd.", contact: "Liu Yang", email: "orders@sh-hardware.example.com", phone: "+86 21 5555 0222", currency: "CNY", shippingAddress: "300 Huaihai Road, Huangpu, Shanghai" },
  { code: "CUST-GZ", name: "Guangzhou Office Supplies", contact: "Huang Li", email: "buy@gz-office.example.com", phone: "+86 20 5555 0333", currency: "CNY", shippingAddress: "66 Tianhe Road, Guangzhou" },
  { code: "CUST-HK", name: "Harbour Trading (HK)", contact: "Emily Chan", email: "emily@harbour.example.com", phone: "+852 5555 0444", currency: "USD", shippingAddress: "8 Connaught Road, Central, Hong Kong" },
] as const;

const sku = (i: number) => `SKU-${String(i).padStart(5, "0")}`;

export async function seedSales(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if ((await db.customer.count()) > 0) {
    log("sales: already seeded");
    return;
  }
  const actor = async (role: Role, channel: Actor["channel"] = "web"): Promise<Actor> => ({ id: (await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } })).id, role, channel });
  const manager = await actor("manager");
  const clerk = await actor("clerk", "handheld");
  for (const c of DEMO_CUSTOMERS) await createCustomer(manager, c);
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  const order = (customer: string, lines: [number, number, string][], requestedDate: string) =>
    createSalesOrder(manager, { customer, requestedDate, lines: lines.map(([i, quantity, unitPrice]) => ({ sku: sku(i), quantity, unitPrice })) });
  const confirm = async (customer: string, lines: [number, number, string][], requestedDate: string) => {
    const o = await order(customer, lines, requestedDate);
    return transitionSalesOrder(manager, o.number, { action: "confirm" });
  };
  const pickAll = async (number: string, upTo = Infinity) => {
    const list = await createPickList(clerk, { orders: [number] });
    for (const l of list.lines.slice(0, upTo)) await pickLine(clerk, list.id, l.seq, { location: l.location, sku: l.sku, quantity: l.quantity });
  };

  await order("CUST-GZ", [[2, 5, "12.50"], [3, 2, "8.00"]], inDays(7));
  await confirm("CUST-BJ", [[4, 150, "22.00"]], today); // 100 on hand: 50 on backorder
  await confirm("CUST-SH", [[5, 10, "15.00"], [6, 4, "30.00"]], today);
  const picking = await confirm("CUST-BJ", [[7, 6, "9.90"], [8, 3, "19.90"]], inDays(1));
  await pickAll(picking.number, 1);
  const packed = await confirm("CUST-HK", [[9, 2, "4.20"]], inDays(1));
  await pickAll(packed.number);
  await transitionSalesOrder(clerk, packed.number, { action: "pack", packages: 1, weightKg: "1.2" });
  const shipped = await confirm("CUST-SH", [[10, 5, "11.00"]], inDays(-1));
  await pickAll(shipped.number);
  await transitionSalesOrder(clerk, shipped.number, { action: "pack", packages: 2, weightKg: "6.5" });
  await shipOrder(clerk, shipped.number, { carrier: "SF Express", trackingNo: "SF1234567890" });
  const closed = await confirm("CUST-GZ", [[11, 1, "99.00"]], inDays(-3));
  await pickAll(closed.number);
  await transitionSalesOrder(clerk, closed.number, { action: "pack", packages: 1 });
  await shipOrder(clerk, closed.number, {});
  await transitionSalesOrder(manager, closed.number, { action: "close" });
  const cancelled = await confirm("CUST-HK", [[12, 3, "5.00"]], inDays(2));
  await transitionSalesOrder(manager, cancelled.number, { action: "cancel", reason: "Customer ordered twice" });
  log(`sales: ${DEMO_CUSTOMERS.length} customers, 8 orders in every state`);
}
