"use server";
// Serial item server actions: each is runAction → the lib/serials domain function, which checks
// permission, validates, locks the item and writes its history and audit. Here the domain's English
// messages become the user's language (components/serials/messages.ts, then the stock and shared
// validation messages).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { serialMessage } from "@/components/serials/messages";
import { runAction, type ActionResult } from "@/lib/action";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, type Issue } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { checkArrival, createSerialItem, deleteSerialItem, transitionSerialItem, updateSerialItem } from "@/lib/serials/items";
import type { SerialItemDto } from "@/lib/serials/schemas";
import { createSource, type SourceDto } from "@/lib/serials/sources";
import { SERIAL_STATUSES, type SerialStatus } from "@/lib/serials/states";

type Saved = ActionResult<{ id: string; identifier: string }>;
type Moved = ActionResult<{ id: string; status: SerialStatus }>;
export type BulkResult = { id: string; name: string; ok: boolean; message: string | null };

const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };
const isRef = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 100;
const isStatus = (v: unknown): v is SerialStatus => typeof v === "string" && (SERIAL_STATUSES as readonly string[]).includes(v);

async function readable(e: unknown): Promise<unknown> {
  // Said by key: translated by localizeResult (lib/i18n/localize-error.ts).
  if (!(e instanceof AppError) || e.messageKey) return e;
  const t = await getTranslations("serials");
  const tr = (m: string) => {
    const match = serialMessage(m);
    if (!match) return m;
    const values = { ...match.values };
    if (match.key === "invalidTransition") {
      for (const k of ["from", "to"] as const) if (isStatus(values[k])) values[k] = t(`statuses.${values[k] as SerialStatus}`).toLowerCase();
    }
    return t.has(`errors.${match.key}`) ? t(`errors.${match.key}`, values) : m;
  };
  const issues = e.details?.issues as Issue[] | undefined;
  return new AppError(e.code, tr(e.message), { ...e.details, ...(issues ? { issues: issues.map((i) => (i.messageKey ? i : { path: i.path, message: tr(i.message) })) } : {}) });
}

async function attempt<T>(fn: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  const r = await runAction<T>(async (actor) => {
    try {
      return await fn(actor);
    } catch (e) {
      throw await readable(e);
    }
  });
  return localizeStockResult(r);
}

function done(stock = false) {
  revalidatePath("/serials", "layout");
  if (stock) {
    revalidatePath("/stock");
    revalidatePath("/movements");
  }
}

const saved = (d: SerialItemDto) => ({ id: d.id, identifier: d.identifier });

export async function createSerialAction(input: unknown): Promise<Saved> {
  const r = await attempt(async (actor) => saved(await createSerialItem(actor, input)));
  if (r.ok) done();
  return r;
}

export async function updateSerialAction(ref: string, input: unknown): Promise<Saved> {
  if (!isRef(ref)) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => saved(await updateSerialItem(actor, ref, input)));
  if (r.ok) done();
  return r;
}

export async function deleteSerialAction(ref: string): Promise<ActionResult<{ id: string }>> {
  if (!isRef(ref)) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => ({ id: (await deleteSerialItem(actor, ref)).id }));
  if (r.ok) done();
  return r;
}

export async function checkArrivalAction(ref: string): Promise<Moved> {
  if (!isRef(ref)) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => {
    const d = await checkArrival(actor, ref);
    return { id: d.id, status: d.status };
  });
  if (r.ok) done();
  return r;
}

export async function transitionSerialAction(ref: string, to: string, extra?: { location?: string; reason?: string }): Promise<Moved> {
  if (!isRef(ref) || !isStatus(to)) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => {
    const d = await transitionSerialItem(actor, ref, { to, location: extra?.location, reason: extra?.reason });
    return { id: d.id, status: d.status };
  });
  if (r.ok) done(to === "arrived" || to === "out_of_stock");
  return r;
}

/** The list's bulk status change: one transition per item, each on its own; a result per item. */
export async function bulkTransitionAction(ids: string[], to: string, extra?: { location?: string; reason?: string }): Promise<ActionResult<BulkResult[]>> {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every(isRef) || !isStatus(to)) return localizeStockResult(badRequest);
  const results: BulkResult[] = [];
  for (const id of ids) {
    const r = await attempt(async (actor) => transitionSerialItem(actor, id, { to, location: extra?.location, reason: extra?.reason }));
    if (!r.ok && (r.error.code === "UNAUTHENTICATED" || r.error.code === "FORBIDDEN")) return r;
    results.push({ id, name: r.ok ? (r.data.imei ?? r.data.identifier) : id, ok: r.ok, message: r.ok ? null : r.error.message });
  }
  if (results.some((x) => x.ok)) done(to === "arrived" || to === "out_of_stock");
  return { ok: true, data: results };
}

export async function createSourceAction(kind: string, input: unknown): Promise<ActionResult<Pick<SourceDto, "id" | "label">>> {
  if (typeof kind !== "string") return localizeStockResult(badRequest);
  return attempt(async (actor) => {
    const s = await createSource(actor, kind, input);
    return { id: s.id, label: s.label };
  });
}
