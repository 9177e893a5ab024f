import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowUpFromLineIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listImports, type ImportBatchRow } from "@/lib/imports/run-import";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("title") };
}

export default async function ImportPage() {
  await requirePage("import.run", "/import");
  const actor = await requireActor();
  const [t, history] = await Promise.all([getTranslations("import"), listImports(actor, 10)]);
  const result = (b: ImportBatchRow) =>
    b.status === "invalid"
      ? t("historyInvalid", { rows: b.rows, errors: b.errors })
      : b.movementNumber
        ? t("historyStock", { rows: b.rows, number: b.movementNumber })
        : t("historyDone", { rows: b.rows, created: b.created, updated: b.updated });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <ImportForm />
      <Card aria-labelledby="import-history">
        <CardHeader id="import-history" title={t("history")} />
        {history.length === 0 ? (
          <EmptyState icon={<ArrowUpFromLineIcon />} title={t("historyEmpty")}>
            {t("historyEmptyHint")}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 md:hidden">
              {history.map((b) => (
                <li key={b.id} className="space-y-1 px-4 py-3 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <span className="min-w-0 truncate font-medium text-zinc-900">{b.fileName}</span>
                    <Badge tone={b.status === "done" ? "success" : "danger"}>{t(`statuses.${b.status}`)}</Badge>
                  </div>
                  <p className="text-zinc-600">
                    {t(`kinds.${b.kind}`)} · {result(b)}
                  </p>
                  <p className="text-xs text-zinc-500">
                    {formatDateTime(b.at)} · {b.actor}
                  </p>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <thead>
                  <tr>
                    <Th>{t("at")}</Th>
                    <Th>{t("kind")}</Th>
                    <Th>{t("fileName")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{t("result")}</Th>
                    <Th>{t("by")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((b) => (
                    <Tr key={b.id}>
                      <Td className="whitespace-nowrap tabular-nums">{formatDateTime(b.at)}</Td>
                      <Td>{t(`kinds.${b.kind}`)}</Td>
                      <Td className="max-w-48 truncate">{b.fileName}</Td>
                      <Td>
                        <Badge tone={b.status === "done" ? "success" : "danger"}>{t(`statuses.${b.status}`)}</Badge>
                      </Td>
                      <Td>{result(b)}</Td>
                      <Td>{b.actor}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
