// The pieces every list page repeats around its table: labelled filter fields, the "clear
// filters" link, the alert for a list URL that no longer works (e.g. a stale cursor) and the
// pagination footer. Texts come from each page's own namespace.
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { cn } from "./cn";
import { Pagination } from "./pagination";

/** A label over one filter control (the control carries `id`). */
export function FilterField({ id, label, className, children }: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** "Clear filters": a touch-sized link on phones; `inline` lines it up with 40 px filter controls on wider screens. */
export function ClearFiltersLink({ href, className, inline, children }: { href: string; className?: string; inline?: boolean; children: ReactNode }) {
  return (
    <Link href={href} className={cn("inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline", inline ? "md:min-h-10" : "md:min-h-0", className)}>
      {children}
    </Link>
  );
}

/** The list could not be read with this URL's query: say so, with a way back to its first page. */
export function BadQueryAlert({ message, back }: { message: ReactNode; back?: { href: string; label: string } }) {
  return (
    <div className="p-4 sm:p-5">
      <Alert tone="error">
        {message}
        {back ? (
          <>
            {" "}
            <Link href={back.href} className="font-medium underline">
              {back.label}
            </Link>
          </>
        ) : null}
      </Alert>
    </div>
  );
}

/** Pagination under a list's card (nothing when the list failed to load). */
export function ListFooter({ hidden, nextHref, firstHref, summary }: { hidden?: boolean; nextHref: string | null; firstHref: string | null; summary?: string }) {
  if (hidden) return null;
  return (
    <div className="border-t border-zinc-100">
      <Pagination nextHref={nextHref} firstHref={firstHref} summary={summary} />
    </div>
  );
}
