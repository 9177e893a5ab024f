import type { ComponentProps } from "react";
import { cn } from "./cn";
import { TableBox } from "./table-box";

/**
 * Tables are for md and up; lists switch to cards on phones (see each page). The header row stays
 * visible while a long table scrolls (TableBox). Borders are separate (spacing 0): collapsed borders
 * belong to the table and would not move with the sticky header cells.
 */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <TableBox>
      <table className={cn("w-full border-separate border-spacing-0 text-left text-sm", className)} {...props} />
    </TableBox>
  );
}

/** Header cells are opaque: rows scroll under them. */
export const thClasses = "border-b border-zinc-200 bg-zinc-50 px-4 py-2.5 text-xs font-medium tracking-wide text-zinc-500 uppercase first:pl-5 last:pr-5";

export function Th({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cn(thClasses, className)} {...props} />;
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("border-b border-zinc-100 px-4 py-3 align-middle text-zinc-700 first:pl-5 last:pr-5", className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors hover:bg-zinc-50/70 [&:last-child>td]:border-b-0", className)} {...props} />;
}
