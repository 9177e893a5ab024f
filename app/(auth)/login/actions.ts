"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { credentialsSchema } from "@/lib/auth/login";
import { canUseFloor } from "@/app/floor/access";
import { db } from "@/lib/db";
import { safeCallbackUrl } from "./safe-callback";

export type LoginError = "invalid_credentials" | "rate_limited" | "invalid_input" | "unavailable";

/**
 * Where to go after signing in without a callback: the floor on a device that prefers it (a phone,
 * or the device's saved choice — components/floor/landing.ts) for a role that may use it, else the
 * dashboard. The role is read only to choose the page; signIn checks the password.
 */
async function landingFor(email: string, landing: unknown): Promise<string> {
  if (landing !== "floor") return "/";
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { role: true } });
  return user && canUseFloor(user.role) ? "/floor" : "/";
}

/**
 * Signs in with email + password. On success Auth.js throws Next's redirect (to the callback URL),
 * which must propagate; a refused login throws CredentialsSignin whose `code` says why.
 */
export async function login(input: unknown, callbackUrl?: string, landing?: unknown): Promise<{ error: LoginError }> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { error: "invalid_input" };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(callbackUrl) ?? (await landingFor(parsed.data.email, landing)) });
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      return { error: e.code === "rate_limited" || e.code === "invalid_input" ? e.code : "invalid_credentials" };
    }
    if (e instanceof AuthError) return { error: "unavailable" };
    throw e;
  }
  return { error: "unavailable" }; // not reached: signIn redirects on success
}
