import { z } from "zod";
import { isoDate } from "../validation";

export const API_TOKEN_SCOPES = ["read", "read_write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(100, "Name is at most 100 characters."),
  /** The user the token acts as: its role decides what the token may do. */
  userId: z.uuid("Choose a user."),
  scope: z.enum(API_TOKEN_SCOPES),
  /** Optional last day of validity, YYYY-MM-DD (the token expires at the end of that UTC day). */
  expiresOn: z.union([z.literal(""), isoDate("Enter a date.")]).optional(),
});

export type ApiTokenDto = {
  id: string;
  name: string;
  user: { id: string; email: string; name: string; active: boolean };
  scope: ApiTokenScope;
  prefix: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: "active" | "revoked" | "expired";
};
