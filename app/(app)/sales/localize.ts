// The sales actions' outcome in the user's language. lib/sales speaks English with codes, numbers
// and states in its sentences: components/sales/messages.ts maps them to `sales.errors` (the state
// said in the user's language), then the stock engine's messages (a shipment posts a movement) and
// the shared validation messages apply.
import { getTranslations } from "next-intl/server";
import { salesMessage } from "@/components/sales/messages";
import { runAction, type ActionResult } from "@/lib/action";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, type Issue } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { SO_STATUSES } from "@/lib/sales/states";

const isStatus = (v: unknown): v is (typeof SO_STATUSES)[number] => typeof v === "string" && (SO_STATUSES as readonly string[]).includes(v);

/** Arguments of a server action come from the client as-is: a code or number must at least be a short string. */
export const isRef = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;
export const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };

async function readable(e: unknown): Promise<unknown> {
  // Said by key: translated by localizeResult (lib/i18n/localize-error.ts).
  if (!(e instanceof AppError) || e.messageKey) return e;
  const t = await getTranslations("sales");
  const state = (s: unknown) => (isStatus(s) ? t(`statuses.${s}`).toLowerCase() : String(s));
  const tr = (m: string) => {
    const match = salesMessage(m);
    if (match && t.has(`errors.${match.key}`)) {
      const values = match.values && "status" in match.values ? { ...match.values, status: state(match.values.status) } : match.values;
      return t(`errors.${match.key}`, values);
    }
    // A refused transition the table knows nothing more about: say the order's state.
    if (e.code === "INVALID_TRANSITION" && m === e.message && isStatus(e.details?.from)) return t("errors.invalidTransition", { status: state(e.details.from) });
    return m;
  };
  const issues = e.details?.issues as Issue[] | undefined;
  return new AppError(e.code, tr(e.message), { ...e.details, ...(issues ? { issues: issues.map((i) => (i.messageKey ? i : { path: i.path, message: tr(i.message) })) } : {}) });
}

/** runAction with the domain's refusals made readable. */
export async function salesAttempt<T>(fn: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  const r = await runAction<T>(async (actor) => {
    try {
      return await fn(actor);
    } catch (e) {
      throw await readable(e);
    }
  });
  return localizeStockResult(r);
}

/** A refusal of the action's arguments, localized like the rest. */
export function refused<T>(): Promise<ActionResult<T>> {
  return localizeStockResult<T>(badRequest);
}
