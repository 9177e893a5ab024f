// next-auth (Auth.js v5): email + password, JWT sessions carrying the user's id and role.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret, secureCookies } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { clientIp } from "../rate-limit";
import { authenticateUser } from "./login";
import type { Role } from "./permissions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
}

class LoginRefused extends CredentialsSignin {
  constructor(code: "invalid_credentials" | "rate_limited" | "invalid_input") {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  useSecureCookies: secureCookies,
  pages: { signIn: "/login" },
  // A refused login is an expected outcome (shown to the user, counted by the rate limiter), not an
  // error with a stack trace; everything else goes to our structured log.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || error instanceof CredentialsSignin) return;
      log.error("auth error", { err: error });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        try {
          const user = await authenticateUser(credentials, clientIp(request.headers), { cookieHeader: request.headers.get("cookie") });
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        } catch (e) {
          if (e instanceof AppError && e.code === "RATE_LIMITED") throw new LoginRefused("rate_limited");
          if (e instanceof AppError && e.code === "VALIDATION_FAILED") throw new LoginRefused("invalid_input");
          if (e instanceof AppError) throw new LoginRefused("invalid_credentials");
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as Role;
      return session;
    },
  },
});
