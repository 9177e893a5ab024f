"use client";
// The handheld top bar: a big back button, the screen's name, who is signed in, the language.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { ArrowLeftIcon } from "../ui/icons";

/** Where Back goes: up one level inside /floor, and from the floor home to the desktop. */
export function floorParent(pathname: string): string {
  if (pathname === "/floor" || !pathname.startsWith("/floor/")) return "/";
  const parts = pathname.split("/").filter(Boolean);
  return parts.length > 2 ? `/${parts.slice(0, 2).join("/")}` : "/floor";
}

export function FloorHeader({
  titles,
  initials,
  userName,
  labels,
  language,
  status,
}: {
  titles: Record<string, string>;
  initials: string;
  userName: string;
  labels: { back: string; exit: string; home: string };
  language: ReactNode;
  /** The outbox's "N waiting" link. */
  status?: ReactNode;
}) {
  const pathname = usePathname();
  const section = pathname.split("/").slice(0, 3).join("/");
  const title = titles[section] ?? titles["/floor"];
  const parent = floorParent(pathname);
  return (
    <header className="sticky top-0 z-20 bg-zinc-900 text-white shadow-md">
      <div className="mx-auto flex h-16 max-w-xl items-center gap-2 px-2">
        <Link
          href={parent}
          className="flex size-12 shrink-0 items-center justify-center rounded-xl text-white active:bg-white/15"
          aria-label={parent === "/" ? labels.exit : labels.back}
        >
          <ArrowLeftIcon className="size-7" />
        </Link>
        <p className="min-w-0 flex-1 truncate text-xl font-semibold tracking-tight">{title}</p>
        {status}
        {language}
        <span
          role="img"
          aria-label={userName}
          title={userName}
          className="flex size-11 shrink-0 items-center justify-center rounded-full bg-white/15 text-sm font-bold tracking-wide"
        >
          {initials}
        </span>
      </div>
    </header>
  );
}
