import type { Role } from "../auth/permissions";
import { isLocale } from "../i18n/config";
import type { UserDto } from "./list-users";

/** What the admin pages and the audit log see of a user: never the password hash. */
export const userSelect = { id: true, email: true, name: true, role: true, active: true, locale: true, createdAt: true } as const;

export function userDto(u: { id: string; email: string; name: string; role: Role; active: boolean; locale: string; createdAt: Date }): UserDto {
  return { id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, locale: isLocale(u.locale) ? u.locale : "en", createdAt: u.createdAt.toISOString() };
}
