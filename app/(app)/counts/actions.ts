"use server";
// Count session actions: the domain (lib/counts/count-sessions.ts) checks count.approve, locks the
// session and, on approval, posts the one adjust movement.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { approveCountSession, cancelCountSession, createCountSession } from "@/lib/counts/count-sessions";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";

type Done = ActionResult<{ id: string; number: string }>;
const badRequest: Done = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
const isId = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v);

function done(id?: string) {
  revalidatePath("/counts");
  if (id) revalidatePath(`/counts/${id}`);
  revalidatePath("/floor/count");
}

export async function createCountAction(input: unknown): Promise<Done> {
  const r = await runAction(async (actor) => {
    const s = await createCountSession(actor, input);
    return { id: s.id, number: s.number };
  });
  if (r.ok) done(r.data.id);
  return localizeStockResult(r);
}

export async function approveCountAction(id: string): Promise<Done> {
  if (!isId(id)) return localizeStockResult(badRequest);
  const r = await runAction(async (actor) => {
    const s = await approveCountSession(actor, id);
    return { id: s.id, number: s.number };
  });
  if (r.ok) {
    done(id);
    revalidatePath("/stock");
    revalidatePath("/movements");
  }
  return localizeStockResult(r);
}

export async function cancelCountAction(id: string): Promise<Done> {
  if (!isId(id)) return localizeStockResult(badRequest);
  const r = await runAction(async (actor) => {
    const s = await cancelCountSession(actor, id);
    return { id: s.id, number: s.number };
  });
  if (r.ok) done(id);
  return localizeStockResult(r);
}
