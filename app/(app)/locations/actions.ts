"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { createLocation, createWarehouse, updateLocation, updateWarehouse } from "@/lib/locations/locations";

type Saved = ActionResult<{ code: string }>;
const badRequest: Saved = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
const isCode = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

function done() {
  revalidatePath("/locations", "layout");
}

export async function createLocationAction(input: unknown): Promise<Saved> {
  const r = await runAction(async (actor) => ({ code: (await createLocation(actor, input)).code }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function updateLocationAction(code: string, input: unknown): Promise<Saved> {
  if (!isCode(code)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ code: (await updateLocation(actor, code, input)).code }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function createWarehouseAction(input: unknown): Promise<Saved> {
  const r = await runAction(async (actor) => ({ code: (await createWarehouse(actor, input)).code }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function updateWarehouseAction(code: string, input: unknown): Promise<Saved> {
  if (!isCode(code)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ code: (await updateWarehouse(actor, code, input)).code }));
  if (r.ok) done();
  return localizeResult(r);
}
