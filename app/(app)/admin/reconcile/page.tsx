import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor, requirePage } from "@/lib/auth/session";
import { checkStock } from "@/lib/stock/reconcile";
import { RebuildButton, RefreshSummaryButton } from "./reconcile-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reconcile");
  return { title: t("title") };
}

// The check reads every stock row and the whole ledger, so it runs when asked (?run=1), not on
// every visit.
export default async function ReconcilePage({ searchParams }: { searchParams: Promise<{ run?: string; rebuilt?: string }> }) {
  const { run, rebuilt } = await searchParams;
  await requirePage("reconcile.run", run ? "/admin/reconcile?run=1" : "/admin/reconcile");
  const actor = await requireActor();
  const [t, format] = await Promise.all([getTranslations("reconcile"), getFormatter()]);
  const check = run ? await checkStock(actor) : null;
  const signed = (n: number) => (n > 0 ? `+${format.number(n)}` : n < 0 ? `−${format.number(-n)}` : "0");

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      {rebuilt ? (
        <Alert tone="success" className="mb-6">
          {t("rebuiltNotice")}
        </Alert>
      ) : null}

      <div className="space-y-6">
        <Card aria-labelledby="check-heading">
          <CardHeader
            id="check-heading"
            title={t("check")}
            description={t("checkHint")}
            actions={
              <form action="/admin/reconcile">
                <Button type="submit" name="run" value="1" variant={check ? "secondary" : "primary"}>
                  {check ? t("runAgain") : t("run")}
                </Button>
              </form>
            }
          />
          {!check ? (
            <CardBody>
              <p className="text-sm text-zinc-500">{t("notRun")}</p>
            </CardBody>
          ) : check.discrepancies.length === 0 ? (
            <CardBody>
              <Alert tone="success" title={t("agrees")}>
                {t("checkedAt", { at: formatDateTime(check.checkedAt) })}
              </Alert>
            </CardBody>
          ) : (
            <>
              <CardBody>
                <Alert tone="error" title={t("found", { n: check.discrepancies.length })}>
                  {t("foundHint")} {t("checkedAt", { at: formatDateTime(check.checkedAt) })}
                </Alert>
              </CardBody>
              <Table>
                <caption className="sr-only">{t("discrepancies")}</caption>
                <thead>
                  <tr>
                    <Th>{t("kind")}</Th>
                    <Th>{t("sku")}</Th>
                    <Th>{t("location")}</Th>
                    <Th>{t("lot")}</Th>
                    <Th className="text-right">{t("stored")}</Th>
                    <Th className="text-right">{t("ledger")}</Th>
                    <Th className="text-right">{t("difference")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {check.discrepancies.map((d, i) => (
                    <Tr key={i}>
                      <Td>
                        <Badge tone={d.kind === "lot" ? "warning" : "danger"}>{t(`kinds.${d.kind}`)}</Badge>
                      </Td>
                      <Td className="font-mono text-[0.8125rem]">{d.sku}</Td>
                      <Td className="font-mono text-[0.8125rem]">{d.location}</Td>
                      <Td className="font-mono text-[0.8125rem]">{d.kind === "lot" || d.kind === "lot_reserved" ? d.lot : d.kind === "balance" ? `${d.movement} #${d.entry}` : "—"}</Td>
                      <Td className="text-right tabular">{format.number(d.stored)}</Td>
                      <Td className="text-right tabular">{format.number(d.ledger)}</Td>
                      <Td className="text-right font-semibold text-red-700 tabular">{signed(d.stored - d.ledger)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </Card>

        <Card aria-labelledby="rebuild-heading">
          <CardHeader id="rebuild-heading" title={t("rebuildHeading")} description={t("rebuildHint")} actions={<RebuildButton />} />
        </Card>

        <Card aria-labelledby="summary-heading">
          <CardHeader id="summary-heading" title={t("summaryHeading")} description={t("summaryHint")} />
          <CardBody>
            <RefreshSummaryButton />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
