import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ArrowDownToLineIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ToastOnMount } from "@/components/ui/toast";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { db } from "@/lib/db";
import { AppError, type Issue } from "@/lib/errors";
import { planLabels, type LabelPlan } from "@/lib/labels/collect";
import { LabelForm, type LabelFormValues } from "./label-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("labels");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FIELDS = ["kind", "symbology", "size", "copies", "warehouse", "prefix", "skus", "category", "q", "sku"] as const;

export default async function LabelsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const values = Object.fromEntries(FIELDS.map((f) => [f, [sp[f]].flat()[0]?.trim() ?? ""]).filter(([, v]) => v !== "")) as LabelFormValues;
  await requirePage("label.print", "/labels");
  const actor = await requireActor();
  const [t, warehouses, categories] = await Promise.all([
    getTranslations("labels"),
    db.warehouse.findMany({ where: { active: true }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
    listCategoryTree(actor).catch(() => []),
  ]);

  let plan: LabelPlan | null = null;
  let error: string | null = null;
  if (values.kind) {
    try {
      plan = await planLabels(actor, values);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
      const key = typeof e.details?.key === "string" ? `errors.${e.details.key}` : null;
      const issues = (e.details?.issues as Issue[] | undefined) ?? [];
      error = key && t.has(key) ? t(key, (e.details?.values as Record<string, string>) ?? {}) : issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join(" ") : e.message;
    }
  }
  const pdfHref = plan ? `/labels/pdf?${new URLSearchParams(Object.entries(values) as [string, string][]).toString()}` : null;
  const shown = plan?.items.slice(0, 12) ?? [];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <LabelForm
        defaults={values}
        warehouses={warehouses}
        categories={categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth }))}
      />
      {error ? (
        <>
          <Alert tone="error">{error}</Alert>
          <ToastOnMount tone="error" message={error} />
        </>
      ) : null}
      {plan && pdfHref ? (
        <Card aria-labelledby="labels-ready">
          <CardHeader
            id="labels-ready"
            title={t("ready")}
            description={t("count", { labels: plan.labels, pages: plan.pages })}
            actions={
              <LinkButton href={pdfHref} variant="primary" target="_blank" rel="noopener" prefetch={false}>
                <ArrowDownToLineIcon className="size-4" />
                {t("openPdf")}
              </LinkButton>
            }
          />
          <CardBody className="space-y-3">
            <ul className="flex flex-wrap gap-2">
              {shown.map((item, i) => (
                <li key={i} className="rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1 font-mono text-xs text-zinc-700">
                  {item.title}
                </li>
              ))}
              {plan.items.length > shown.length ? <li className="px-1 py-1 text-xs text-zinc-500">{t("andMore", { count: plan.items.length - shown.length })}</li> : null}
            </ul>
            {/* A server setting (LABEL_FONT): only the administrator, who runs the server, can act on it. */}
            {actor.role === "admin" ? <p className="text-xs text-zinc-500">{t("fontNote")}</p> : null}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
