import { getTranslations } from "next-intl/server";
import { signOut } from "@/lib/auth/config";
import type { SessionUser } from "@/lib/auth/session";
import { LogOutIcon } from "../ui/icons";
import { LocaleSwitcher } from "./locale-switcher";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1][0] ?? "") : "")).toUpperCase() || "?";
}

/** Who is signed in, the language switcher and Sign out — at the foot of the sidebar and drawer. */
export async function UserPanel({ user }: { user: SessionUser }) {
  const [t, tc] = await Promise.all([getTranslations("nav"), getTranslations("common")]);
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 rounded-lg px-1">
        <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-accent-100 text-sm font-semibold text-accent-700">
          {initials(user.name)}
        </span>
        <div className="min-w-0 flex-1" aria-label={t("signedInAs")} role="group">
          <p className="truncate text-sm font-medium text-zinc-900" data-testid="user-name">
            {user.name}
          </p>
          <p className="truncate text-xs text-zinc-500" data-testid="user-role">
            {tc(`roles.${user.role}`)} · {user.email}
          </p>
        </div>
      </div>
      <LocaleSwitcher />
      <form action={signOutAction}>
        <button
          type="submit"
          className="flex min-h-11 w-full items-center gap-3 rounded-lg px-3 text-sm font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 lg:min-h-9"
        >
          <LogOutIcon className="size-[1.125rem] text-zinc-400" />
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}
