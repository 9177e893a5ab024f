"use client";
// Below lg the sidebar becomes a drawer: a modal <dialog> (the page behind is inert, Esc closes,
// focus returns to the menu button), closed again by any navigation.
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";
import { MenuIcon, XIcon } from "../ui/icons";
import { NavLinks, type NavGroup } from "./nav-links";

export function MobileNav({
  groups,
  brand,
  footer,
  labels,
}: {
  groups: NavGroup[];
  brand: ReactNode;
  footer: ReactNode;
  labels: { open: string; close: string; nav: string };
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    ref.current?.close();
  }, [pathname]);

  const close = () => ref.current?.close();

  return (
    <>
      <button
        type="button"
        onClick={() => ref.current?.showModal()}
        aria-haspopup="dialog"
        className="-ml-2 inline-flex size-11 items-center justify-center rounded-lg text-zinc-700 hover:bg-zinc-100"
      >
        <MenuIcon className="size-6" />
        <span className="sr-only">{labels.open}</span>
      </button>
      <dialog
        ref={ref}
        aria-label={labels.nav}
        className="drawer m-0 h-dvh max-h-none w-[min(20rem,86vw)] max-w-none border-r border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl"
        onClick={(e) => {
          if (e.target === e.currentTarget) close();
        }}
      >
        <div className="flex h-full flex-col">
          <div className="flex h-16 shrink-0 items-center justify-between border-b border-zinc-100 px-4">
            {brand}
            <button type="button" onClick={close} className="-mr-2 inline-flex size-11 items-center justify-center rounded-lg text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900">
              <XIcon className="size-5" />
              <span className="sr-only">{labels.close}</span>
            </button>
          </div>
          <nav aria-label={labels.nav} className="flex-1 overflow-y-auto px-3 py-4">
            <NavLinks groups={groups} onNavigate={close} />
          </nav>
          <div className="shrink-0 border-t border-zinc-100 p-3">{footer}</div>
        </div>
      </dialog>
    </>
  );
}
