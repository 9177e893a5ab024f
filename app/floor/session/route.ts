// GET /floor/session: the signed-in user and a 12-hour bearer token for the handheld channel, so
// the floor's offline queue and catalogue can use the REST API (/api/v1) with this user's rights.
// Session-cookie auth; same-origin only (a cross-site page cannot read the answer: no CORS).
import { NextResponse } from "next/server";
import { issueAccessToken } from "@/lib/auth/access-token";
import { currentUser } from "@/lib/auth/session";
import { canUseFloor } from "../access";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const user = await currentUser();
  const headers = { "Cache-Control": "no-store" };
  if (!user) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in again." } }, { status: 401, headers });
  if (!canUseFloor(user.role)) return NextResponse.json({ error: { code: "FORBIDDEN", message: "Not allowed." } }, { status: 403, headers });
  const { token, expiresAt } = await issueAccessToken({ id: user.id, email: user.email, name: user.name, role: user.role }, { channel: "handheld" });
  return NextResponse.json({ user: { id: user.id, name: user.name, role: user.role }, token, expiresAt: expiresAt.toISOString() }, { headers });
}
