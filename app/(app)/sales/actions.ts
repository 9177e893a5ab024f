"use server";
// Customer order, pick list and shipping server actions: each calls the lib/sales domain function,
// which checks permission, validates, locks in the engine's order and writes the order's timeline
// and audit; here the refusals become readable (./localize.ts) and the pages are refreshed.
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action";
import { createSalesOrder, transitionSalesOrder, updateSalesOrder } from "@/lib/sales/orders";
import { createPickList } from "@/lib/sales/pick-lists";
import type { SoStatus } from "@/lib/sales/states";
import { returnShipment } from "@/lib/sales/returns";
import { shipOrder } from "@/lib/sales/shipping";
import { isRef, refused, salesAttempt } from "./localize";

type Saved = ActionResult<{ number: string }>;
type Moved = ActionResult<{ number: string; status: SoStatus; backorder: number }>;

function done(stock = false) {
  revalidatePath("/sales", "layout");
  if (stock) {
    revalidatePath("/stock");
    revalidatePath("/movements");
    revalidatePath("/products", "layout");
  }
}

export async function createSalesOrderAction(input: unknown): Promise<Saved> {
  const r = await salesAttempt(async (actor) => ({ number: (await createSalesOrder(actor, input)).number }));
  if (r.ok) done();
  return r;
}

export async function updateSalesOrderAction(number: string, input: unknown): Promise<Saved> {
  if (!isRef(number)) return refused();
  const r = await salesAttempt(async (actor) => ({ number: (await updateSalesOrder(actor, number, input)).number }));
  if (r.ok) done();
  return r;
}

/** One transition of the state table: `input` is { action, reason?, packages?, weightKg? }. */
export async function transitionSalesOrderAction(number: string, input: unknown): Promise<Moved> {
  if (!isRef(number)) return refused();
  const r = await salesAttempt(async (actor) => {
    const o = await transitionSalesOrder(actor, number, input);
    return { number: o.number, status: o.status, backorder: o.backorderQuantity };
  });
  // Confirming and cancelling change what is reserved (the stock and product pages show it).
  if (r.ok) done(true);
  return r;
}

/** A pick list of one order (its page) or several (batch picking); to the default shipping location unless `toLocation`. */
export async function createPickListAction(input: unknown): Promise<ActionResult<{ id: string; number: string }>> {
  const r = await salesAttempt(async (actor) => {
    const p = await createPickList(actor, input);
    return { id: p.id, number: p.number };
  });
  if (r.ok) done();
  return r;
}

export async function shipOrderAction(number: string, input: unknown): Promise<ActionResult<{ shipment: string; backorder: string | null }>> {
  if (!isRef(number)) return refused();
  const r = await salesAttempt(async (actor) => {
    const { shipment, backorder } = await shipOrder(actor, number, input);
    return { shipment: shipment.number, backorder };
  });
  if (r.ok) done(true);
  return r;
}

/** Goods a customer sent back from a shipment (`shipment`: its id or number). */
export async function returnShipmentAction(shipment: string, input: unknown): Promise<ActionResult<{ number: string; movement: string }>> {
  if (!isRef(shipment)) return refused();
  const r = await salesAttempt(async (actor) => {
    const { result } = await returnShipment(actor, shipment, input);
    return { number: result.number, movement: result.movement };
  });
  if (r.ok) done(true);
  return r;
}
