// The sign-in form's schema, in its own module so the browser bundle (react-hook-form on /login)
// can import it without the database and rate-limit code of ./login.ts.
import { z } from "zod";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(200),
});
