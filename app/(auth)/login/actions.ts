"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { canUseFloor } from "@/app/floor/access";
import { signIn } from "@/lib/auth/config";
import { deviceCookie } from "@/lib/auth/device-cookie";
import { credentialsSchema } from "@/lib/auth/login";
import { db } from "@/lib/db";
import { secureCookies } from "@/lib/env";
import { safeCallbackUrl } from "./safe-callback";

/** Next's redirect, thrown by signIn on success (its digest starts with NEXT_REDIRECT). */
const isRedirect = (e: unknown) => typeof (e as { digest?: unknown })?.digest === "string" && (e as { digest: string }).digest.startsWith("NEXT_REDIRECT");

export type LoginError = "invalid_credentials" | "rate_limited" | "invalid_input" | "unavailable";
export type LoginState = { error: LoginError } | null;

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
 * The sign-in form's action (`<form action>`): a POST that works before (or without) JavaScript,
 * so the password never lands in a URL. On success Auth.js throws Next's redirect (to the callback
 * URL), which must propagate; this browser then gets a device cookie for the email
 * (lib/auth/device-cookie.ts), which keeps it signing in while others' failures lock the email.
 * A refused login throws CredentialsSignin whose `code` says why.
 */
export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "invalid_input" };
  const callbackUrl = safeCallbackUrl(form.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: callbackUrl ?? (await landingFor(parsed.data.email, form.get("landing"))) });
  } catch (e) {
    if (isRedirect(e)) {
      const c = deviceCookie.issue(parsed.data.email);
      (await cookies()).set(c.name, c.value, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: c.maxAge });
      throw e;
    }
    if (e instanceof CredentialsSignin) {
      return { error: e.code === "rate_limited" || e.code === "invalid_input" ? e.code : "invalid_credentials" };
    }
    if (e instanceof AuthError) return { error: "unavailable" };
    throw e;
  }
  return { error: "unavailable" }; // not reached: signIn redirects on success
}
