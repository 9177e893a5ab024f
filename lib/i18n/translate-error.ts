// Puts a refusal in the user's language. A message that carries a key (AppError's messageKey and
// params, see lib/errors.ts) is translated by that key with its values filled in; the few without
// one (zod's own texts and the schemas' fixed texts) go through `fallback`, then the shared
// validation texts (./known-messages.ts), and are otherwise shown as they come.
// Pure over a translator of every namespace: the server actions pass next-intl's
// (./localize-error.ts), emails, jobs and tests one made from the catalogues (./messages.ts).
import type { ActionResult } from "../action";
import type { MessageParams } from "../errors";
import { knownMessageKey } from "./known-messages";
import { stockMessage } from "./stock-messages";

/** The part of next-intl's translator used here (the root one, keys with their namespace). */
export type Translator = { has(key: string): boolean } & ((key: string, values?: MessageParams) => string);
export type Fallback = (t: Translator, message: string) => string | undefined;
type Keyed = { message: string; messageKey?: string; params?: MessageParams };

/** Values that name a state of the namespace's documents (said from `<namespace>.statuses`). */
const STATE_PARAMS = ["status", "from", "to"] as const;

/**
 * The message of `key` (with its namespace, "movements.errors.insufficient") with `params` filled
 * in; a `status`, `from` or `to` value is said in the user's language from
 * `<namespace>.statuses.<value>` when the namespace has it. Undefined when the key is unknown.
 */
export function translateKey(t: Translator, key: string, params?: MessageParams): string | undefined {
  if (!t.has(key)) return undefined;
  let values = params;
  for (const name of STATE_PARAMS) {
    const state = params?.[name];
    const stateKey = `${key.split(".")[0]}.statuses.${state}`;
    if (typeof state === "string" && t.has(stateKey)) values = { ...values, [name]: t(stateKey).toLowerCase() };
  }
  return t(key, values);
}

/** One message: by its key, else by `fallback`, else by the shared validation texts. */
export function translateMessage(t: Translator, m: Keyed, fallback?: Fallback): string {
  if (m.messageKey) {
    const byKey = translateKey(t, m.messageKey, m.params);
    if (byKey !== undefined) return byKey;
  }
  const other = fallback?.(t, m.message);
  if (other !== undefined) return other;
  const known = knownMessageKey(m.message);
  return known ? (translateKey(t, `validation.${known}`) ?? m.message) : m.message;
}

/** An action's refusal (message and field issues) in the translator's language. */
export function localizeWith<T>(t: Translator, result: ActionResult<T>, fallback?: Fallback): ActionResult<T> {
  if (result.ok) return result;
  const { error } = result;
  return {
    ok: false,
    error: {
      ...error,
      message: translateMessage(t, error, fallback),
      ...(error.issues ? { issues: error.issues.map((i) => ({ ...i, message: translateMessage(t, i, fallback) })) } : {}),
    },
  };
}

/** The stock and count schemas' zod texts that carry no key (./stock-messages.ts). */
export const stockFallback: Fallback = (t, m) => {
  const match = stockMessage(m);
  return match ? translateKey(t, `movements.errors.${match.key}`, match.values) : undefined;
};
