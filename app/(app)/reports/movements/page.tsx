import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { ReportFrame } from "@/components/reports/report-frame";
import { FilterField } from "@/components/ui/list-page";
import { Input, Select } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { CHANNELS, movementHistoryReport, movementUsers } from "@/lib/reports/movement-history";
import { onReplica } from "@/lib/read-replica";
import type { SearchParams } from "@/lib/reports/report";
import { MOVEMENT_TYPES } from "@/lib/stock/schemas";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("movements");

export default reportPage(movementHistoryReport, MovementHistoryReport);

async function MovementHistoryReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(movementHistoryReport, sp);
  const [t, tm, format, users] = await Promise.all([getTranslations("reports"), getTranslations("movements"), getFormatter(), onReplica(r.user, movementUsers)]);
  return (
    <ReportFrame
      name="movements"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      filters={
        <>
          <FilterField id="type" label={t("movements.type")}>
            <Select id="type" name="type" defaultValue={r.query.type ?? ""}>
              <option value="">{t("all")}</option>
              {MOVEMENT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {tm(`types.${k}`)}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="user" label={t("movements.user")}>
            <Select id="user" name="user" defaultValue={r.query.user ?? ""}>
              <option value="">{t("all")}</option>
              {users.map((u) => (
                <option key={u.email} value={u.email}>
                  {u.name} ({u.email})
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="channel" label={t("movements.channel")}>
            <Select id="channel" name="channel" defaultValue={r.query.channel ?? ""}>
              <option value="">{t("all")}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {tm(`channels.${c}`)}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="from" label={t("dateFrom")}>
            <Input id="from" name="from" type="date" defaultValue={r.query.from} />
          </FilterField>
          <FilterField id="to" label={t("dateTo")}>
            <Input id="to" name="to" type="date" defaultValue={r.query.to} />
          </FilterField>
          <FilterField id="sku" label={t("sku")}>
            <Input id="sku" name="sku" defaultValue={r.query.sku} autoComplete="off" spellCheck={false} className="font-mono" />
          </FilterField>
        </>
      }
    >
      <Table>
        <caption className="sr-only">{t("movements.title")}</caption>
        <thead>
          <tr>
            <Th>{t("movements.movement")}</Th>
            <Th className="hidden sm:table-cell print:table-cell">{t("movements.type")}</Th>
            <Th>{t("sku")}</Th>
            <Th className="hidden md:table-cell print:table-cell">{t("location")}</Th>
            <Th className="text-right">{t("movements.delta")}</Th>
            <Th className="hidden text-right md:table-cell print:table-cell">{t("movements.balance")}</Th>
            <Th className="hidden lg:table-cell print:table-cell">{t("movements.user")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((row) => (
            <Tr key={row.id}>
              <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                <Link href={`/movements/${row.movementId}`} className="font-medium text-accent-700 hover:underline">
                  {row.number}
                </Link>
                <span className="block text-xs text-zinc-500 tabular">{formatDateTime(row.createdAt)}</span>
              </Td>
              <Td className="hidden sm:table-cell print:table-cell">{tm(`types.${row.type}`)}</Td>
              <Td className="font-mono text-[0.8125rem]">
                <div className="max-w-40 truncate" title={row.name}>
                  {row.sku}
                </div>
                {row.lot ? <span className="block text-xs text-zinc-500">{t("movements.lot", { lot: row.lot })}</span> : null}
              </Td>
              <Td className="hidden font-mono text-[0.8125rem] md:table-cell print:table-cell">{row.location}</Td>
              <Td className={`text-right font-medium tabular ${row.delta < 0 ? "text-red-700" : "text-emerald-700"}`}>
                {row.delta > 0 ? "+" : ""}
                {format.number(row.delta)}
              </Td>
              <Td className="hidden text-right tabular md:table-cell print:table-cell">{format.number(row.balance)}</Td>
              <Td className="hidden text-zinc-500 lg:table-cell print:table-cell">
                <div className="max-w-48 truncate">{row.user}</div>
                <span className="block text-xs text-zinc-400">{tm(`channels.${row.channel}`)}</span>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
