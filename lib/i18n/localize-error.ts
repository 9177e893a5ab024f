// Server actions return the domain's outcome; this puts its refusals in the user's language (the
// request's) before they reach the form: by message key where the error has one, see
// ./translate-error.ts.
import { getTranslations } from "next-intl/server";
import type { ActionResult } from "../action";
import { localizeWith, type Fallback, type Translator } from "./translate-error";

export async function localizeResult<T>(result: ActionResult<T>, fallback?: Fallback): Promise<ActionResult<T>> {
  if (result.ok) return result;
  return localizeWith((await getTranslations()) as unknown as Translator, result, fallback);
}
