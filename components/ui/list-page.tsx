// The pieces every list page repeats around its rows: the "new" button, the filter band (labelled
// fields, search box, checkbox and category filters, Apply, "clear filters"), the empty state, the
// alert for a list URL that no longer works (e.g. a stale cursor), the phone cards and desktop table
// with their edit buttons, and the pagination footer. Texts come from each page's own namespace
// (common ones from `common`). Sortable headers live in sort-header.tsx and the route in
// list-route.tsx: both use server code, which this file must not import.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button, LinkButton } from "./button";
import { cn } from "./cn";
import { EmptyState } from "./empty-state";
import { Checkbox, Input, Select } from "./field";
import { PencilIcon, PlusIcon, SearchIcon } from "./icons";
import { Pagination, type PageNumbers } from "./pagination";
import { Table, Td, Th } from "./table";

/** Where "clear filters" leads (the list with no filter, same sort) and what it says; null when no filter is on. */
export type ClearFilters = { href: string; label: string } | null;

/** The primary button-link that creates something ("New product", "Receive stock"), with a plus icon: in page headers and empty states. */
export function NewLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <LinkButton href={href} variant="primary">
      <PlusIcon className="size-4" />
      {children}
    </LinkButton>
  );
}

/** The band above a list: its filter form, then, when filters are on, any `notes` and the "clear filters" link. */
export function FilterBar({ clear, notes, children }: { clear?: ClearFilters; notes?: ReactNode; children: ReactNode }) {
  return (
    <div className="border-b border-zinc-100 p-4 sm:px-5">
      {children}
      {clear ? (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
          {notes}
          <ClearFiltersLink href={clear.href}>{clear.label}</ClearFiltersLink>
        </div>
      ) : null}
    </div>
  );
}

/** A search box for a filter form: a magnifier inside a text field named `q`. */
export function SearchInput({ id = "q", defaultValue, placeholder }: { id?: string; defaultValue?: string; placeholder?: string }) {
  return (
    <div className="relative">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
      <Input id={id} name="q" type="search" defaultValue={defaultValue} placeholder={placeholder} className="pl-9" autoComplete="off" enterKeyHint="search" />
    </div>
  );
}

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

/** The filter form's submit button ("Apply"). */
export function ApplyButton({ className }: { className?: string }) {
  const t = useTranslations("common");
  return (
    <Button type="submit" variant="secondary" className={className}>
      {t("apply")}
    </Button>
  );
}

/** A yes/no filter: a checkbox sending `name=true`, its label beside it. */
export function FilterCheckbox({ name, defaultChecked, className, children }: { name: string; defaultChecked: boolean; className?: string; children: ReactNode }) {
  return (
    <label className={cn("flex min-h-11 flex-1 items-center gap-2 text-sm text-zinc-700 md:min-h-10 md:flex-none", className)}>
      <Checkbox name={name} value="true" defaultChecked={defaultChecked} />
      {children}
    </label>
  );
}

/** The category filter (id and name `category`): "all" first, then the category tree, indented by depth. */
export function CategorySelect({ categories, defaultValue, allLabel }: { categories: { id: string; name: string; depth: number }[]; defaultValue?: string; allLabel: string }) {
  return (
    <Select id="category" name="category" defaultValue={defaultValue ?? ""}>
      <option value="">{allLabel}</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {"\u00A0\u00A0\u00A0".repeat(c.depth)}
          {c.name}
        </option>
      ))}
    </Select>
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

/**
 * An empty list. With filters on (`clear` set): `filteredTitle`, `filteredHint` and a button clearing
 * them; otherwise the list's own `title`, `hint` and next step (`action`).
 */
export function ListEmptyState({
  icon,
  clear,
  title,
  hint,
  action,
  filteredTitle,
  filteredHint,
}: {
  icon: ReactNode;
  clear: ClearFilters;
  title: ReactNode;
  hint?: ReactNode;
  action?: ReactNode;
  filteredTitle: ReactNode;
  filteredHint?: ReactNode;
}) {
  return (
    <EmptyState
      icon={icon}
      title={clear ? filteredTitle : title}
      action={
        clear ? (
          <LinkButton href={clear.href} variant="secondary">
            {clear.label}
          </LinkButton>
        ) : (
          action
        )
      }
    >
      {clear ? filteredHint : hint}
    </EmptyState>
  );
}

/** The list on phones: one card (an <li>) per row, hidden from md up, where ListTable shows the rows. */
export function CardList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="divide-y divide-zinc-100 md:hidden" aria-label={label}>
      {children}
    </ul>
  );
}

/**
 * The list from md up: a table captioned `label` for screen readers, with its header cells (`head`)
 * and rows. `dense` narrows the cell padding (px-3) for lists with many columns, so all of them fit
 * at desktop widths.
 */
export function ListTable({ label, head, dense, children }: { label: string; head: ReactNode; dense?: boolean; children: ReactNode }) {
  return (
    <div className="hidden md:block">
      <Table className={dense ? "[&_td]:px-3 [&_th]:px-3" : undefined}>
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </Table>
    </div>
  );
}

/** The header over a column of row buttons: empty on screen, named `label` for screen readers. */
export function ActionsTh({ label }: { label: string }) {
  return (
    <Th>
      <span className="sr-only">{label}</span>
    </Th>
  );
}

/** The pencil button ending a phone card: opens the row's edit page; `label` (e.g. "Edit A-01") is for screen readers. */
export function EditIconLink({ href, label }: { href: string; label: string }) {
  return (
    <LinkButton href={href} variant="ghost" size="icon">
      <PencilIcon className="size-4" />
      <span className="sr-only">{label}</span>
    </LinkButton>
  );
}

/** The last cell of an editable table row: an "Edit" link, followed (for screen readers) by the row's `name`. */
export function EditCell({ href, name }: { href: string; name: string }) {
  const t = useTranslations("common");
  return (
    <Td className="text-right">
      <LinkButton href={href} variant="ghost" size="sm">
        <PencilIcon className="size-3.5" />
        {t("edit")}
        <span className="sr-only"> {name}</span>
      </LinkButton>
    </Td>
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
export function ListFooter({
  hidden,
  nextHref,
  firstHref,
  summary,
  pages,
}: {
  hidden?: boolean;
  nextHref: string | null;
  firstHref: string | null;
  summary?: string;
  pages?: PageNumbers;
}) {
  if (hidden) return null;
  return (
    <div className="border-t border-zinc-100">
      <Pagination nextHref={nextHref} firstHref={firstHref} summary={summary} pages={pages} />
    </div>
  );
}
