// The wrapper every server action uses: the session's actor, then the domain operation, with
// expected failures returned as a form-friendly result and unexpected ones logged, never leaked.
import { requireActor } from "./auth/session";
import type { Actor } from "./auth/permissions";
import { AppError, fromDatabaseError, refusal, type ActionError } from "./errors";
import { log } from "./log";
import { noteWrite } from "./read-replica";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError };

export async function runAction<T>(fn: (actor: Actor) => Promise<T>, channel: Actor["channel"] = "web"): Promise<ActionResult<T>> {
  try {
    const actor = await requireActor(channel);
    try {
      return { ok: true, data: await fn(actor) };
    } finally {
      // Whatever the outcome (a redirect too), the user's lists read the primary for a moment, so
      // the page they land on shows their change (lib/read-replica.ts).
      await noteWrite(actor.id);
    }
  } catch (e) {
    const err = fromDatabaseError(e);
    if (err instanceof AppError) return refusal(err);
    // Next.js control flow (redirect/notFound/forbidden) must propagate.
    if (e && typeof e === "object" && "digest" in e) throw e;
    log.error("unexpected error in server action", { err: e });
    return { ok: false, error: { code: "INTERNAL", message: "Something went wrong. Please try again.", messageKey: "validation.internal" } };
  }
}

