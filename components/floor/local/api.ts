"use client";
// How the handheld talks to the REST API: a bearer token for the signed-in user from
// GET /floor/session (handheld channel), kept in memory only and fetched again when it is about to
// expire or the user changed. Without a session (signed out, offline) there is no token: the
// queue waits.
export type FloorSession = { user: { id: string; name: string; role: string }; token: string; expiresAt: string };

let cached: FloorSession | null = null;

export class NoSession extends Error {
  constructor(readonly reason: "offline" | "signedOut") {
    super(reason);
  }
}

/** The session's token; `NoSession` when offline or signed out. */
export async function floorSession(): Promise<FloorSession> {
  if (cached && Date.parse(cached.expiresAt) - Date.now() > 5 * 60_000) return cached;
  let res: Response;
  try {
    res = await fetch("/floor/session", { cache: "no-store", credentials: "same-origin" });
  } catch {
    throw new NoSession("offline");
  }
  if (res.status === 401 || res.status === 403) {
    cached = null;
    throw new NoSession("signedOut");
  }
  // A service worker answers with 503 (or an HTML fallback) when there is no network.
  if (!res.ok || !res.headers.get("content-type")?.includes("application/json")) throw new NoSession("offline");
  cached = (await res.json()) as FloorSession;
  return cached;
}

/** Forget the token (after a 401 from the API). */
export function dropSession(): void {
  cached = null;
}

/** A JSON request to /api/v1 with the session's token; throws NoSession when it cannot be made. */
export async function apiFetch(path: string, init: { method?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Response> {
  const session = await floorSession();
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), init.timeoutMs ?? 15_000);
  try {
    return await fetch(`/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${session.token}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: ctrl.signal,
      cache: "no-store",
    });
  } catch {
    throw new NoSession("offline");
  } finally {
    clearTimeout(timer);
  }
}
