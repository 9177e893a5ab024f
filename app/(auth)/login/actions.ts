"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { credentialsSchema } from "@/lib/auth/login";
import { safeCallbackUrl } from "./safe-callback";

export type LoginError = "invalid_credentials" | "rate_limited" | "invalid_input" | "unavailable";

/**
 * Signs in with email + password. On success Auth.js throws Next's redirect (to the callback URL),
 * which must propagate; a refused login throws CredentialsSignin whose `code` says why.
 */
export async function login(input: unknown, callbackUrl?: string): Promise<{ error: LoginError }> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { error: "invalid_input" };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(callbackUrl) ?? "/" });
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      return { error: e.code === "rate_limited" || e.code === "invalid_input" ? e.code : "invalid_credentials" };
    }
    if (e instanceof AuthError) return { error: "unavailable" };
    throw e;
  }
  return { error: "unavailable" }; // not reached: signIn redirects on success
}
