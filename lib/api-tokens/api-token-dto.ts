import type { ApiTokenDto, ApiTokenScope } from "./schemas";

export const apiTokenInclude = {
  user: { select: { id: true, email: true, name: true, active: true } },
  createdBy: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string;
  name: string;
  scope: ApiTokenScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  user: ApiTokenDto["user"];
  createdBy: ApiTokenDto["createdBy"];
};

export function apiTokenDto(r: Row, now = new Date()): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    user: r.user,
    scope: r.scope,
    prefix: r.prefix,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    status: r.revokedAt ? "revoked" : r.expiresAt && r.expiresAt <= now ? "expired" : "active",
  };
}

/** The audit log's view of a token: never the secret or its hash. */
export function apiTokenAudit(r: { id: string; name: string; userId: string; scope: string; prefix: string; expiresAt: Date | null; revokedAt: Date | null }) {
  return { id: r.id, name: r.name, userId: r.userId, scope: r.scope, prefix: r.prefix, expiresAt: r.expiresAt, revokedAt: r.revokedAt };
}
