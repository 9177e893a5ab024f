"use client";
// The serial items of one list page: phone cards below md, a table from md up. For those who may
// change items (`writable`) each row has a checkbox and a bar above applies one target status to
// the selected items — one transition each through the domain (bulkTransitionAction) — then lists
// each item's result: done, or the reason it was refused.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { LocationInput } from "@/components/forms/location-input";
import { CardList, ListTable } from "@/components/ui/list-page";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Select } from "@/components/ui/field";
import { CheckIcon, XIcon } from "@/components/ui/icons";
import { Td, Th, Tr } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action";
import type { SerialItemDto } from "@/lib/serials/schemas";
import { SERIAL_STATUSES, type SerialStatus } from "@/lib/serials/states";
import { CopyIdentifierButton, shortIdentifier } from "./identifier";
import { SerialStatusBadge } from "./status-badge";

type BulkResult = { id: string; ok: boolean; message: string | null };
type Bulk = (ids: string[], to: string, extra?: { location?: string; reason?: string }) => Promise<ActionResult<BulkResult[]>>;
type Search = (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;

export const serialHref = (item: { id: string }) => `/serials/${item.id}`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

export function SerialList({ items, writable, bulk, searchLocations }: { items: SerialItemDto[]; writable: boolean; bulk: Bulk; searchLocations: Search }) {
  const t = useTranslations("serials");
  const router = useRouter();
  const ids = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [to, setTo] = useState<SerialStatus | "">("");
  const [location, setLocation] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [pending, start] = useTransition();
  const names = new Map(items.map((i) => [i.id, i.imei ?? shortIdentifier(i.identifier)]));
  const [resultNames, setResultNames] = useState<Map<string, string>>(new Map());

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const allOn = items.length > 0 && items.every((i) => selected.has(i.id));
  const toggleAll = (on: boolean) => setSelected(on ? new Set(items.map((i) => i.id)) : new Set());

  const apply = () => {
    setProblem(null);
    if (selected.size === 0) return setProblem(t("bulk.needSelection"));
    if (!to) return setProblem(t("bulk.needTarget"));
    if (to === "arrived" && !location.trim()) return setProblem(t("bulk.needLocation"));
    const chosen = items.filter((i) => selected.has(i.id)).map((i) => i.id);
    start(async () => {
      const r = await bulk(chosen, to, { location: to === "arrived" ? location.trim() : undefined, reason: to === "abnormal" ? reason.trim() || undefined : undefined }).catch(
        (): ActionResult<BulkResult[]> => ({ ok: false, error: { code: "INTERNAL", message: t("transition.failed") } }),
      );
      if (!r.ok) {
        setProblem(r.error.message);
        return;
      }
      setResultNames(new Map(chosen.map((id) => [id, names.get(id) ?? id])));
      setResults(r.data);
      setSelected(new Set(r.data.filter((x) => !x.ok).map((x) => x.id)));
      router.refresh();
    });
  };

  const check = (i: SerialItemDto) =>
    writable ? <Checkbox checked={selected.has(i.id)} onChange={(e) => toggle(i.id, e.currentTarget.checked)} aria-label={t("select", { name: i.imei ?? i.identifier })} /> : null;

  return (
    <>
      {writable ? (
        <section aria-labelledby={`${ids}-bulk`} className="border-b border-zinc-100 p-4 sm:px-5">
          <h2 id={`${ids}-bulk`} className="sr-only">
            {t("bulk.title")}
          </h2>
          <div className="flex flex-wrap items-end gap-3">
            <p className="min-h-10 basis-full text-sm text-zinc-600 sm:basis-auto sm:self-center" aria-live="polite">
              {t("bulk.selected", { n: selected.size })}
            </p>
            <div className="min-w-40 flex-1 space-y-1.5 sm:flex-none">
              <label htmlFor={`${ids}-to`} className="text-sm font-medium text-zinc-700">
                {t("bulk.target")}
              </label>
              <Select id={`${ids}-to`} value={to} onChange={(e) => setTo(e.currentTarget.value as SerialStatus | "")}>
                <option value="">{t("bulk.chooseTarget")}</option>
                {SERIAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`statuses.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            {to === "arrived" ? (
              <div className="min-w-40 flex-1 space-y-1.5 sm:flex-none">
                <label htmlFor={`${ids}-loc`} className="text-sm font-medium text-zinc-700">
                  {t("bulk.location")}
                </label>
                <LocationInput id={`${ids}-loc`} value={location} onChange={(e) => setLocation(e.currentTarget.value)} search={searchLocations} autoComplete="off" className="font-mono" />
              </div>
            ) : null}
            {to === "abnormal" ? (
              <div className="min-w-48 flex-1 space-y-1.5">
                <label htmlFor={`${ids}-reason`} className="text-sm font-medium text-zinc-700">
                  {t("bulk.reason")}
                </label>
                <Input id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
              </div>
            ) : null}
            <Button variant="secondary" onClick={apply} disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
              {pending ? t("bulk.working") : t("bulk.apply")}
            </Button>
          </div>
          {problem ? (
            <p role="alert" className="mt-2 text-sm font-medium text-red-700">
              {problem}
            </p>
          ) : null}
          {results ? (
            <Alert tone={results.every((r) => r.ok) ? "success" : "warning"} className="mt-3" title={t("bulk.summary", { ok: results.filter((r) => r.ok).length, n: results.length })}>
              <ul aria-label={t("bulk.results")} className="mt-1 space-y-1">
                {results.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-baseline gap-x-2 text-sm">
                    {r.ok ? <CheckIcon aria-hidden className="size-3.5 self-center text-emerald-600" /> : <XIcon aria-hidden className="size-3.5 self-center text-red-600" />}
                    <span className="font-mono">{resultNames.get(r.id) ?? r.id}</span>
                    <span>{r.ok ? t("bulk.ok") : r.message}</span>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </section>
      ) : null}

      <CardList label={t("title")}>
        {items.map((i) => (
          <li key={i.id} className="flex items-start gap-3 px-4 py-3">
            {writable ? <div className="flex min-h-11 items-center">{check(i)}</div> : null}
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={serialHref(i)} className="font-mono font-medium text-accent-700 hover:underline">
                  {i.imei ?? shortIdentifier(i.identifier)}
                </Link>
                <SerialStatusBadge status={i.status} label={t(`statuses.${i.status}`)} />
                {i.flag ? <span className="text-sm text-zinc-600">{i.flag}</span> : null}
              </div>
              <p className="mt-0.5 truncate text-sm text-zinc-600">
                <span className="font-mono">{i.product.sku}</span> · {i.product.name}
              </p>
              <p className="mt-0.5 flex flex-wrap justify-between gap-x-3 text-sm text-zinc-500">
                <span className="truncate">
                  {t(`kinds.${i.source.kind}`)}: {i.source.label}
                </span>
                <span className="tabular">
                  {i.location ? <span className="font-mono">{i.location}</span> : null} {i.actualArrivalAt ? day(i.actualArrivalAt) : ""}
                </span>
              </p>
            </div>
          </li>
        ))}
      </CardList>
      <ListTable
        label={t("title")}
        head={
          <>
            {writable ? (
              <Th className="w-10">
                <Checkbox checked={allOn} onChange={(e) => toggleAll(e.currentTarget.checked)} aria-label={t("selectAll")} />
              </Th>
            ) : null}
            <Th>{t("identifier")}</Th>
            <Th>{t("flag")}</Th>
            <Th>{t("imei")}</Th>
            <Th>{t("product")}</Th>
            <Th>{t("status")}</Th>
            <Th>{t("source")}</Th>
            <Th>{t("location")}</Th>
            <Th>{t("actualArrival")}</Th>
          </>
        }
      >
        {items.map((i) => (
          <Tr key={i.id}>
            {writable ? <Td>{check(i)}</Td> : null}
            <Td className="whitespace-nowrap">
              <Link href={serialHref(i)} className="font-mono text-accent-700 hover:underline" title={i.identifier}>
                <span aria-hidden>{shortIdentifier(i.identifier)}</span>
                <span className="sr-only">{i.identifier}</span>
              </Link>
              <CopyIdentifierButton identifier={i.identifier} />
            </Td>
            <Td className="max-w-32 truncate">{i.flag ?? "—"}</Td>
            <Td className="font-mono whitespace-nowrap">
              {i.imei ? (
                <Link href={serialHref(i)} className="text-accent-700 hover:underline">
                  {i.imei}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td className="max-w-48">
              <div className="truncate font-mono text-sm">{i.product.sku}</div>
              <div className="truncate text-xs text-zinc-500">{i.product.name}</div>
            </Td>
            <Td>
              <SerialStatusBadge status={i.status} label={t(`statuses.${i.status}`)} />
            </Td>
            <Td className="max-w-48">
              <div className="truncate text-xs text-zinc-500">{t(`kinds.${i.source.kind}`)}</div>
              <div className="truncate">{i.source.label}</div>
            </Td>
            <Td className="font-mono whitespace-nowrap">{i.location ?? "—"}</Td>
            <Td className="whitespace-nowrap tabular">{day(i.actualArrivalAt)}</Td>
          </Tr>
        ))}
      </ListTable>
    </>
  );
}
