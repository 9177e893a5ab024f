// Zod schemas of user management, shared by the server (domain functions) and the forms.
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { LOCALES } from "../i18n/config";

/** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
const MAX_PASSWORD_BYTES = 72;

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .refine((s) => new TextEncoder().encode(s).length <= MAX_PASSWORD_BYTES, "Use at most 72 bytes.");

const name = z.string().trim().min(1, "Name is required.").max(200, "Name is at most 200 characters.");

export const userCreateSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  name,
  role: z.enum(ROLES),
  /** The language of the user's emails; English when not given. */
  locale: z.enum(LOCALES).optional(),
  password: passwordSchema,
  /** Email the new user a sign-in link (never the password: the admin hands that over). */
  sendInvitation: z.boolean().optional(),
});

export const userUpdateSchema = z
  .object({ name: name.optional(), role: z.enum(ROLES).optional(), locale: z.enum(LOCALES).optional() })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.locale !== undefined, "Nothing to change.");

export type UserCreateInput = z.input<typeof userCreateSchema>;
