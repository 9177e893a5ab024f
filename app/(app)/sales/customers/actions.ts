"use server";
// Customer server actions: the domain (lib/sales/customers.ts) checks permission, validates,
// writes and audits; here we only localise errors and refresh the affected pages.
import { revalidatePath } from "next/cache";
import { customerHref } from "@/components/sales/refs";
import type { ActionResult } from "@/lib/action";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/sales/customers";
import { isRef, refused, salesAttempt } from "../localize";

type Saved = ActionResult<{ code: string }>;

function done(code?: string) {
  revalidatePath("/sales/customers");
  if (code) revalidatePath(customerHref(code));
}

export async function createCustomerAction(input: unknown): Promise<Saved> {
  const r = await salesAttempt(async (actor) => ({ code: (await createCustomer(actor, input)).code }));
  if (r.ok) done(r.data.code);
  return r;
}

export async function updateCustomerAction(code: string, input: unknown): Promise<Saved> {
  if (!isRef(code)) return refused();
  const r = await salesAttempt(async (actor) => ({ code: (await updateCustomer(actor, code, input)).code }));
  if (r.ok) done(r.data.code);
  return r;
}

/** Soft delete; IN_USE (orders still to ship) comes back as a readable sentence. */
export async function deleteCustomerAction(code: string): Promise<Saved> {
  if (!isRef(code)) return refused();
  const r = await salesAttempt(async (actor) => ({ code: (await deleteCustomer(actor, code)).code }));
  if (r.ok) done(r.data.code);
  return r;
}
