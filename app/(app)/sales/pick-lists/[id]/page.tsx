import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { refParam, salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Fact } from "@/components/ui/timeline";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getPickList } from "@/lib/sales/pick-lists";
import type { PickListLineDto } from "@/lib/sales/schemas";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sales.pickLists");
  return { title: t("detailTitle") };
}

/** A pick list (by id; its number WH/PICK/… also works): the lines in walking order and how each was picked. */
export default async function PickListPage({ params }: { params: Params }) {
  const raw = (await params).id;
  const ref = refParam(raw);
  await requirePage("sales.read", `/sales/pick-lists/${raw}`);
  if (!ref) notFound();
  const actor = await requireActor();
  const list = await getPickList(actor, ref).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, tp, format] = await Promise.all([getTranslations("sales.pickLists"), getTranslations("sales.pickStatuses"), getFormatter()]);
  const n = (v: number | null) => (v === null ? "—" : format.number(v));
  const done = list.lines.filter((l) => l.pickedQuantity !== null).length;
  const item = (l: PickListLineDto) => [l.lot ? t("lotValue", { lot: l.lot }) : null, l.imei ?? l.serial].filter(Boolean).join(" · ") || "—";
  const short = (l: PickListLineDto) => l.pickedQuantity !== null && l.pickedQuantity < l.quantity;

  return (
    <>
      <PageHeader
        back={{ href: "/sales/pick-lists", label: t("title") }}
        title={<span className="font-mono">{list.number}</span>}
        badge={<SalesStatusBadge status={list.status} label={tp(list.status)} />}
        description={t("progress", { done, lines: list.lines.length })}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card aria-labelledby="pick-lines-heading" className="min-w-0 lg:col-span-2">
          <CardHeader id="pick-lines-heading" title={t("linesTitle")} description={t("linesHint")} />
          <ol className="divide-y divide-zinc-100 md:hidden" aria-label={t("linesTitle")}>
            {list.lines.map((l) => (
              <li key={l.seq} className="px-4 py-3">
                <div className="flex items-baseline justify-between gap-3">
                  <span className="font-mono text-sm font-medium text-zinc-900">
                    {l.seq}. {l.location}
                  </span>
                  <span className="text-sm text-zinc-900 tabular">
                    {n(l.pickedQuantity)} / {n(l.quantity)}
                  </span>
                </div>
                <p className="truncate text-sm text-zinc-700">
                  <span className="font-mono">{l.sku}</span> · {l.name}
                </p>
                <p className="text-xs text-zinc-500">
                  {item(l)} · {l.order}
                  {l.pickedBy ? ` · ${l.pickedBy}` : ""}
                </p>
                {l.shortReason ? <p className="mt-1 text-xs text-amber-800">{t("shortBecause", { reason: l.shortReason })}</p> : null}
              </li>
            ))}
          </ol>
          <div className="hidden md:block">
            <Table>
              <caption className="sr-only">{t("linesTitle")}</caption>
              <thead>
                <tr>
                  <Th className="text-right">{t("seq")}</Th>
                  <Th>{t("location")}</Th>
                  <Th>{t("product")}</Th>
                  <Th>{t("lotSerial")}</Th>
                  <Th className="text-right">{t("quantity")}</Th>
                  <Th className="text-right">{t("picked")}</Th>
                  <Th>{t("shortReason")}</Th>
                  <Th>{t("pickedBy")}</Th>
                </tr>
              </thead>
              <tbody>
                {list.lines.map((l) => (
                  <Tr key={l.seq}>
                    <Td className="text-right text-zinc-500 tabular">{l.seq}</Td>
                    <Td className="font-mono font-medium whitespace-nowrap text-zinc-900">{l.location}</Td>
                    <Td className="max-w-56">
                      <Link href={`/products/${encodeURIComponent(l.sku)}`} className="font-mono text-accent-700 hover:underline">
                        {l.sku}
                      </Link>
                      <span className="block truncate text-xs text-zinc-500">
                        {l.name} ·{" "}
                        <Link href={salesOrderHref(l.order)} className="font-mono hover:underline">
                          {l.order}
                        </Link>
                      </span>
                    </Td>
                    <Td className="font-mono text-xs whitespace-nowrap">{item(l)}</Td>
                    <Td className="text-right tabular">{n(l.quantity)}</Td>
                    <Td className={`text-right tabular ${short(l) ? "font-semibold text-amber-800" : ""}`}>{n(l.pickedQuantity)}</Td>
                    <Td className="max-w-48 text-sm">{l.shortReason ?? "—"}</Td>
                    <Td className="text-xs whitespace-nowrap text-zinc-600">
                      {l.pickedBy ?? "—"}
                      {l.pickedAt ? <span className="block font-mono text-zinc-500">{formatDateTime(l.pickedAt)}</span> : null}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        </Card>
        <Card aria-labelledby="pick-facts-heading" className="min-w-0 self-start">
          <CardHeader id="pick-facts-heading" title={t("detailTitle")} />
          <CardBody>
            <dl className="space-y-3 text-sm">
              <Fact label={t("toLocation")}>
                <span className="font-mono">{list.toLocation}</span>
              </Fact>
              <Fact label={t("orders")}>
                {list.orders.map((o, i) => (
                  <span key={o}>
                    {i ? ", " : ""}
                    <Link href={salesOrderHref(o)} className="font-mono text-accent-700 hover:underline">
                      {o}
                    </Link>
                  </span>
                ))}
              </Fact>
              <Fact label={t("createdBy")}>{list.createdBy.name}</Fact>
              <Fact label={t("createdAt")}>
                <span className="font-mono text-xs">{formatDateTime(list.createdAt)}</span>
              </Fact>
              {list.completedAt ? (
                <Fact label={t("completedAt")}>
                  <span className="font-mono text-xs">{formatDateTime(list.completedAt)}</span>
                </Fact>
              ) : null}
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
