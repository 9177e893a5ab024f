import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DeleteSupplierButton } from "@/components/purchasing/suppliers/supplier-actions";
import { SupplierProducts } from "@/components/purchasing/suppliers/supplier-products";
import { ToleranceForm } from "@/components/purchasing/suppliers/tolerance-form";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { HistoryIcon, PencilIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSupplier } from "@/lib/purchasing/suppliers";
import { deleteSupplierAction, removeSupplierProductAction, searchSupplierProductsAction, setSupplierProductAction, setSupplierToleranceAction } from "../actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code) };
}

export default async function SupplierPage({ params }: { params: Params }) {
  const code = decodeURIComponent((await params).code);
  const user = await requirePage("supplier.read", `/purchasing/suppliers/${encodeURIComponent(code)}`);
  const actor = await requireActor();
  const supplier = await getSupplier(actor, code).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, tc] = await Promise.all([getTranslations("suppliers"), getTranslations("common")]);
  const writable = can(user.role, "supplier.write");
  const settings = can(user.role, "purchase.settings");
  const href = `/purchasing/suppliers/${encodeURIComponent(supplier.code)}`;

  return (
    <>
      <PageHeader
        back={{ href: "/purchasing/suppliers", label: t("title") }}
        title={supplier.name}
        badge={
          supplier.active ? (
            <Badge tone="success" dot>
              {tc("active")}
            </Badge>
          ) : (
            <Badge tone="neutral">{tc("inactive")}</Badge>
          )
        }
        description={<span className="font-mono">{supplier.code}</span>}
        actions={
          <>
            {can(user.role, "audit.read") ? (
              <LinkButton href={`/admin/audit?entity=supplier&entityId=${supplier.id}`} variant="ghost">
                <HistoryIcon className="size-4" />
                {t("detail.history")}
              </LinkButton>
            ) : null}
            {writable ? (
              <>
                <DeleteSupplierButton code={supplier.code} name={supplier.name} action={deleteSupplierAction.bind(null, supplier.code)} />
                <LinkButton href={`${href}/edit`} variant="primary">
                  <PencilIcon className="size-4" />
                  {tc("edit")}
                </LinkButton>
              </>
            ) : null}
          </>
        }
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="supplier-products-heading">
            <CardHeader id="supplier-products-heading" title={t("products.title")} description={t("products.subtitle")} />
            <SupplierProducts
              supplier={supplier.code}
              currency={supplier.currency}
              products={supplier.products}
              writable={writable}
              save={setSupplierProductAction.bind(null, supplier.code)}
              remove={removeSupplierProductAction.bind(null, supplier.code)}
              search={searchSupplierProductsAction}
            />
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="supplier-details-heading">
            <CardHeader id="supplier-details-heading" title={t("detail.details")} />
            <CardBody>
              <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-1">
                <Item label={t("code")}>
                  <span className="font-mono">{supplier.code}</span>
                </Item>
                <Item label={t("contact")}>{supplier.contact ?? "—"}</Item>
                <Item label={t("email")}>
                  {supplier.email ? (
                    <a href={`mailto:${supplier.email}`} className="break-all text-accent-700 hover:underline">
                      {supplier.email}
                    </a>
                  ) : (
                    "—"
                  )}
                </Item>
                <Item label={t("phone")}>{supplier.phone ? <a href={`tel:${supplier.phone}`} className="text-accent-700 hover:underline">{supplier.phone}</a> : "—"}</Item>
                <Item label={t("currency")}>
                  <span className="font-mono">{supplier.currency}</span>
                </Item>
                <Item label={t("leadTime")}>{t("leadTimeValue", { n: supplier.leadTimeDays })}</Item>
                <Item label={t("paymentTerms")}>{supplier.paymentTerms ?? "—"}</Item>
                <Item label={t("tolerance.label")}>
                  <span className="tabular">{t("tolerance.value", { pct: supplier.receiptTolerancePct })}</span>
                </Item>
              </dl>
            </CardBody>
          </Card>

          {settings ? (
            <Card aria-labelledby="supplier-tolerance-heading">
              <CardHeader id="supplier-tolerance-heading" title={t("tolerance.title")} description={t("tolerance.description")} />
              <CardBody>
                <ToleranceForm current={supplier.receiptTolerancePct} action={setSupplierToleranceAction.bind(null, supplier.code)} />
              </CardBody>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}
