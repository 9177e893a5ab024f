import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ComponentType, SVGProps } from "react";
import { cn } from "@/components/ui/cn";
import { ArrowDownToLineIcon, ArrowLeftRightIcon, ArrowUpFromLineIcon, ClipboardCheckIcon, HashIcon, LogOutIcon, PackageIcon, SearchIcon } from "@/components/ui/icons";
import { signOut } from "@/lib/auth/config";
import { can, type Action } from "@/lib/auth/permissions";
import { requireFloor } from "./access";

async function signOutAction() {
  "use server";
  // Handhelds are shared: the next person signs in straight back into the floor screens.
  await signOut({ redirectTo: "/login?callbackUrl=%2Ffloor" });
}

type Tile = { key: "receive" | "issue" | "move" | "count" | "lookup" | "serials" | "pick"; href: string; action: Action; icon: ComponentType<SVGProps<SVGSVGElement>>; tone: string };

const TILES: Tile[] = [
  { key: "receive", href: "/floor/receive", action: "movement.post", icon: ArrowDownToLineIcon, tone: "bg-emerald-600" },
  { key: "issue", href: "/floor/issue", action: "movement.post", icon: ArrowUpFromLineIcon, tone: "bg-amber-500" },
  { key: "move", href: "/floor/move", action: "movement.post", icon: ArrowLeftRightIcon, tone: "bg-indigo-600" },
  { key: "count", href: "/floor/count", action: "count.perform", icon: ClipboardCheckIcon, tone: "bg-sky-600" },
  { key: "lookup", href: "/floor/lookup", action: "stock.read", icon: SearchIcon, tone: "bg-zinc-700" },
  { key: "serials", href: "/floor/serials", action: "serial.write", icon: HashIcon, tone: "bg-violet-700" },
  { key: "pick", href: "/floor/pick", action: "sales.pick", icon: PackageIcon, tone: "bg-teal-700" },
];

export default async function FloorHome() {
  const user = await requireFloor("/floor");
  const [t, tc] = await Promise.all([getTranslations("floor"), getTranslations("common")]);
  const tiles = TILES.filter((x) => can(user.role, x.action));
  return (
    <>
      <h1 className="sr-only">{t("title")}</h1>
      <nav aria-label={t("actions")}>
        <ul className="grid grid-cols-2 gap-3">
          {tiles.map((x, i) => {
            const wide = tiles.length % 2 === 1 && i === tiles.length - 1;
            return (
              <li key={x.key} className={wide ? "col-span-2" : undefined}>
                <Link
                  href={x.href}
                  className={cn(
                    "flex h-full gap-3 rounded-2xl border-2 border-zinc-200 bg-white p-4 shadow-sm transition active:scale-[0.98] active:border-zinc-400",
                    wide ? "min-h-24 flex-row items-center" : "min-h-36 flex-col",
                  )}
                >
                  <span className={cn("flex size-14 shrink-0 items-center justify-center rounded-xl text-white", x.tone)}>
                    <x.icon className="size-8" />
                  </span>
                  <span className="min-w-0">
                    <span className="block text-2xl leading-tight font-bold">{t(x.key)}</span>
                    <span className="mt-0.5 block text-sm leading-snug text-zinc-600">{t(`${x.key}Hint`)}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="mt-8 rounded-2xl bg-white p-4 shadow-sm">
        <p className="text-base font-semibold">{user.name}</p>
        <p className="text-sm text-zinc-600">
          {tc(`roles.${user.role}`)} · {user.email}
        </p>
        <Link href="/floor/sync" className="mt-3 flex h-12 items-center justify-center rounded-xl border-2 border-zinc-300 text-base font-semibold active:bg-zinc-100">
          {t("syncAndSettings")}
        </Link>
        <div className="mt-2 flex gap-2">
          <Link href="/" className="flex h-12 flex-1 items-center justify-center rounded-xl border-2 border-zinc-300 text-base font-semibold active:bg-zinc-100">
            {t("desktop")}
          </Link>
          <form action={signOutAction} className="flex-1">
            <button type="submit" className="flex h-12 w-full items-center justify-center gap-2 rounded-xl border-2 border-zinc-300 text-base font-semibold active:bg-zinc-100">
              <LogOutIcon className="size-5" />
              {t("signOut")}
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
