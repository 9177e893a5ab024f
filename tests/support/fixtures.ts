// Helpers for integration tests: users per role and unique names, created in the test database.
import crypto from "node:crypto";
import type { Actor, Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

export function uniq(prefix = "T"): string {
  return `${prefix}-${crypto.randomBytes(5).toString("hex").toUpperCase()}`;
}

/** Creates an active user with the role and returns it as an actor (channel web unless given). */
export async function actorFor(role: Role, channel: Actor["channel"] = "web"): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `${uniq(role).toLowerCase()}@test.local`, name: `Test ${role}`, role, passwordHash: "x" },
  });
  return { id: user.id, role, channel };
}
