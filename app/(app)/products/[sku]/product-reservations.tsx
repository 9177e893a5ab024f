// "Reserved for orders" on a product's page (anchor #reservations, which the stock page's reserved
// figures link to): each reservation of the product — the customer order, its customer, where the
// units are set aside (location, lot or serial) and whether they are picked already.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ReceiptIcon } from "@/components/ui/icons";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { reservationsOfProduct } from "@/lib/sales/orders";

type Row = Awaited<ReturnType<typeof reservationsOfProduct>>[number];

export async function ProductReservations({ rows }: { rows: Row[] }) {
  const [t, ts, format] = await Promise.all([getTranslations("products.reservations"), getTranslations("sales.statuses"), getFormatter()]);
  const total = rows.reduce((s, r) => s + r.quantity, 0);
  const where = (r: Row) => [r.lot ? t("lot", { lot: r.lot }) : null, r.serial].filter(Boolean).join(" · ");
  return (
    <Card id="reservations" aria-labelledby="reservations-heading" className="scroll-mt-6">
      <CardHeader
        id="reservations-heading"
        title={t("title")}
        description={t("description")}
        actions={
          rows.length ? (
            <span className="text-sm text-zinc-500">
              {t("total")}: <strong className="font-semibold text-zinc-900 tabular">{format.number(total)}</strong>
            </span>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <EmptyState icon={<ReceiptIcon />} title={t("empty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr>
              <Th>{t("order")}</Th>
              <Th className="hidden sm:table-cell">{t("customer")}</Th>
              <Th>{t("location")}</Th>
              <Th className="text-right">{t("quantity")}</Th>
              <Th className="hidden md:table-cell">{t("state")}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <Tr key={`${r.order}-${r.location}-${r.lot ?? ""}-${r.serial ?? ""}-${i}`}>
                <Td>
                  <Link href={salesOrderHref(r.order)} className="font-mono text-[0.8125rem] font-medium text-accent-700 hover:underline">
                    {r.order}
                  </Link>
                  <span className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <SalesStatusBadge status={r.status} label={ts(r.status)} />
                    {r.requestedDate ? <span className="text-xs text-zinc-500 tabular">{t("requested", { date: r.requestedDate })}</span> : null}
                  </span>
                  <span className="block truncate text-xs text-zinc-500 sm:hidden">{r.customer.name}</span>
                </Td>
                <Td className="hidden max-w-48 sm:table-cell">
                  <span className="block truncate">{r.customer.name}</span>
                  <span className="font-mono text-xs text-zinc-500">{r.customer.code}</span>
                </Td>
                <Td className="font-mono text-[0.8125rem]">
                  {r.location}
                  {where(r) ? <span className="block text-xs text-zinc-500">{where(r)}</span> : null}
                </Td>
                <Td className="text-right font-medium text-zinc-900 tabular">{format.number(r.quantity)}</Td>
                <Td className="hidden text-sm md:table-cell">{r.picked ? t("picked") : t("reserved")}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
