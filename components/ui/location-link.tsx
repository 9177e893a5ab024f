import Link from "next/link";
import { cn } from "./cn";

/** The location detail page of `code` (/locations/[code]): what is in the bin, capacity used, recent movements. */
export const locationHref = (code: string) => `/locations/${encodeURIComponent(code)}`;

/** A location code wherever one is listed, linking to its detail page; `title` e.g. the location's name. */
export function LocationLink({ code, className, title }: { code: string; className?: string; title?: string }) {
  return (
    <Link href={locationHref(code)} title={title} className={cn("font-mono hover:text-accent-700 hover:underline", className)}>
      {code}
    </Link>
  );
}

/** The badge tone of each location kind (locations list and detail page). */
export const LOCATION_KIND_TONE = { storage: "neutral", receiving: "accent", shipping: "success", scrap: "danger" } as const;
