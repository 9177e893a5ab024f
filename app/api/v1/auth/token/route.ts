// POST /api/v1/auth/token: email + password → bearer JWT (rate-limited per email and client address).
import { authenticateUser } from "@/lib/auth/login";
import { issueAccessToken } from "@/lib/auth/access-token";
import { json, publicRoute, readJson } from "@/lib/http";
import type { TokenResponse } from "@/lib/openapi";
import { clientIp } from "@/lib/rate-limit";
import { unsupported } from "../../_lib/route";

export const POST = publicRoute(async ({ req }) => {
  const user = await authenticateUser(await readJson(req), clientIp(req.headers));
  const { token, expiresAt } = await issueAccessToken(user);
  const body: TokenResponse = {
    token,
    tokenType: "Bearer",
    expiresAt: expiresAt.toISOString(),
    user: { id: user.id, email: user.email, role: user.role },
  };
  return json(body);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
