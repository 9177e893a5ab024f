// Server actions return the domain's English messages; this puts them in the user's language
// before they reach the form (unknown messages pass through unchanged).
import { getTranslations } from "next-intl/server";
import type { ActionResult } from "../action";
import { knownMessageKey } from "./known-messages";

export async function localizeResult<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const t = await getTranslations("validation");
  const tr = (m: string) => {
    const key = knownMessageKey(m);
    return key && t.has(key) ? t(key) : m;
  };
  const { error } = result;
  return {
    ok: false,
    error: {
      ...error,
      message: tr(error.message),
      ...(error.issues ? { issues: error.issues.map((i) => ({ path: i.path, message: tr(i.message) })) } : {}),
    },
  };
}
