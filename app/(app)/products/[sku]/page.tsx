import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime, formatMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { HistoryIcon, LayersIcon, PencilIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getProduct } from "@/lib/catalog/get-product";
import { productStock } from "@/lib/catalog/product-stock";
import { AppError } from "@/lib/errors";
import { reservationsOfProduct } from "@/lib/sales/orders";
import { latestProductLedger } from "@/lib/stock/product-ledger";
import { listProductLots } from "@/lib/stock/product-lots";
import { MovementTypeBadge } from "../../movements/type-badge";
import { ProductReservations } from "./product-reservations";
import { DeleteProductButton, RestoreProductButton } from "./product-actions";
import { LocationLink } from "@/components/ui/location-link";

type Params = Promise<{ sku: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).sku) };
}

// `?saved=created|updated` (from the product form) needs no notice here: the form's toast says it once.
export default async function ProductPage({ params }: { params: Params }) {
  const sku = decodeURIComponent((await params).sku);
  const user = await requirePage("catalog.read", `/products/${encodeURIComponent(sku)}`);
  const actor = await requireActor();
  const product = await getProduct(actor, sku, { includeDeleted: true }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const canStock = can(user.role, "stock.read");
  const deleted = product.deletedAt !== null;
  const [t, tc, ts, tm, format, locale, stock, lots, ledger, reservations] = await Promise.all([
    getTranslations("products"),
    getTranslations("common"),
    getTranslations("stock"),
    getTranslations("movements"),
    getFormatter(),
    getLocale(),
    canStock ? productStock(actor, product.id) : Promise.resolve(null),
    canStock ? listProductLots(actor, product.id) : Promise.resolve(null),
    canStock ? latestProductLedger(actor, product.id) : Promise.resolve(null),
    // What is reserved for whom (customer orders); a deleted product has no reservations.
    can(user.role, "sales.read") && !deleted ? reservationsOfProduct(actor, product.sku) : Promise.resolve(null),
  ]);
  const signed = (n: number) => (n > 0 ? `+${format.number(n)}` : n < 0 ? `−${format.number(-n)}` : "0");
  const writable = can(user.role, "catalog.write");
  const specEntries = Object.entries(product.spec);

  return (
    <>
      <PageHeader
        back={{ href: deleted ? "/products?deleted=true" : "/products", label: t("backToList") }}
        title={product.name}
        badge={
          deleted ? (
            <Badge tone="neutral">{t("deleted")}</Badge>
          ) : product.inStock ? (
            <Badge tone="success" dot>
              {t("inStock")}
            </Badge>
          ) : (
            <Badge tone="warning" dot>
              {t("outOfStock")}
            </Badge>
          )
        }
        description={<span className="font-mono">{product.sku}</span>}
        actions={
          <>
            {can(user.role, "audit.read") ? (
              <LinkButton href={`/admin/audit?entity=product&entityId=${product.id}`} variant="ghost">
                <HistoryIcon className="size-4" />
                {t("history")}
              </LinkButton>
            ) : null}
            {writable && !deleted ? (
              <>
                <DeleteProductButton sku={product.sku} name={product.name} />
                <LinkButton href={`/products/${encodeURIComponent(product.sku)}/edit`} variant="primary">
                  <PencilIcon className="size-4" />
                  {tc("edit")}
                </LinkButton>
              </>
            ) : null}
            {writable && deleted ? <RestoreProductButton sku={product.sku} name={product.name} /> : null}
          </>
        }
      />

      {deleted ? (
        <Alert tone="warning" className="mb-6" title={t("deletedBannerTitle")}>
          {t("deletedBanner", { when: formatDateTime(product.deletedAt!) })}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="details-heading">
            <CardHeader id="details-heading" title={t("details")} />
            <CardBody>
              <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2">
                <Item label={t("sku")}>
                  <span className="font-mono">{product.sku}</span>
                </Item>
                <Item label={t("barcode")}>{product.barcode ? <span className="font-mono">{product.barcode}</span> : "—"}</Item>
                <Item label={t("category")}>
                  {product.category ? (
                    <Link href={`/products?category=${product.category.id}`} className="text-accent-700 hover:underline">
                      {product.category.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Item>
                <Item label={t("unit")}>{product.unit}</Item>
                <Item label={t("price")}>{formatMoney(locale, product.price)}</Item>
                <Item label={t("tracking")}>{t(`trackingKinds.${product.tracking}`)}</Item>
                <Item label={t("minStock")}>
                  <span className="tabular">{format.number(product.minStock)}</span>
                </Item>
                <Item label={t("safetyStock")}>
                  <span className="tabular">{format.number(product.safetyStock)}</span>
                </Item>
              </dl>
            </CardBody>
          </Card>

          {stock ? (
            <Card aria-labelledby="stock-heading">
              <CardHeader
                id="stock-heading"
                title={t("stockByLocation")}
                actions={
                  <span className="text-sm text-zinc-500">
                    {t("totalOnHand")}: <strong className="font-semibold text-zinc-900 tabular">{format.number(product.onHand)}</strong> {product.unit}
                  </span>
                }
              />
              {stock.length === 0 ? (
                <EmptyState icon={<LayersIcon />} title={t("noStock")} />
              ) : (
                <Table>
                  <thead>
                    <tr>
                      <Th>{t("location")}</Th>
                      <Th className="hidden sm:table-cell">{t("warehouse")}</Th>
                      <Th className="text-right">{t("quantity")}</Th>
                      <Th className="hidden text-right sm:table-cell">{t("reserved")}</Th>
                      <Th className="text-right">{t("available")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {stock.map((s) => (
                      <Tr key={s.location}>
                        <Td>
                          <LocationLink code={s.location} className="font-medium text-zinc-900" />
                          <span className="block text-xs text-zinc-500">{s.locationName}</span>
                        </Td>
                        <Td className="hidden sm:table-cell">{s.warehouse}</Td>
                        <Td className="text-right tabular">{format.number(s.quantity)}</Td>
                        <Td className="hidden text-right text-zinc-500 tabular sm:table-cell">{format.number(s.reserved)}</Td>
                        <Td className="text-right font-medium text-zinc-900 tabular">{format.number(s.available)}</Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          ) : null}

          {reservations ? <ProductReservations rows={reservations} /> : null}

          {lots && (product.tracking === "lot" || lots.length > 0) ? (
            <Card aria-labelledby="lots-heading">
              <CardHeader id="lots-heading" title={ts("lots")} description={ts("lotsHint")} />
              {lots.length === 0 ? (
                <EmptyState icon={<LayersIcon />} title={ts("noLots")} />
              ) : (
                <Table>
                  <thead>
                    <tr>
                      <Th>{ts("lot")}</Th>
                      <Th className="hidden sm:table-cell">{t("location")}</Th>
                      <Th className="hidden sm:table-cell">{ts("received")}</Th>
                      <Th>{ts("expires")}</Th>
                      <Th className="text-right">{ts("remaining")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {lots.map((l) => (
                      <Tr key={`${l.code}|${l.location}`}>
                        <Td className="font-mono text-[0.8125rem] font-medium whitespace-nowrap text-zinc-900">
                          {l.code}
                          <LocationLink code={l.location} className="block text-xs font-normal text-zinc-500 sm:hidden" />
                        </Td>
                        <Td className="hidden font-mono text-[0.8125rem] whitespace-nowrap sm:table-cell">
                          <LocationLink code={l.location} />
                        </Td>
                        <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-500 sm:table-cell">{formatDateTime(l.receivedAt).slice(0, 10)}</Td>
                        <Td className="font-mono text-xs whitespace-nowrap">{l.expiresAt ?? "—"}</Td>
                        <Td className="text-right font-medium text-zinc-900 tabular">{format.number(l.remaining)}</Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          ) : null}

          {ledger ? (
            <Card aria-labelledby="ledger-heading">
              <CardHeader
                id="ledger-heading"
                title={ts("recentLedger")}
                description={ts("recentLedgerHint")}
                actions={
                  ledger.length ? (
                    <Link href={`/movements?sku=${encodeURIComponent(product.sku)}`} className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
                      {ts("allMovements")}
                    </Link>
                  ) : null
                }
              />
              {ledger.length === 0 ? (
                <EmptyState icon={<HistoryIcon />} title={ts("noLedger")} />
              ) : (
                <Table>
                  <thead>
                    <tr>
                      <Th>{tm("detailTitle")}</Th>
                      <Th className="hidden md:table-cell">{tm("date")}</Th>
                      <Th className="hidden sm:table-cell">{t("location")}</Th>
                      <Th className="text-right">{tm("change")}</Th>
                      <Th className="text-right">{ts("balance")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {ledger.map((r) => (
                      <Tr key={r.id}>
                        <Td>
                          <Link href={`/movements/${r.movementId}`} className="font-mono text-[0.8125rem] font-medium text-accent-700 hover:underline">
                            {r.movement}
                          </Link>
                          <span className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5">
                            <MovementTypeBadge type={r.type} label={tm(`types.${r.type}`)} />
                            <span className="font-mono text-xs text-zinc-500 sm:hidden">
                              {r.location}
                              {r.lot ? ` · ${r.lot}` : ""}
                            </span>
                            <span className="hidden font-mono text-xs text-zinc-500 sm:inline md:hidden">{formatDateTime(r.createdAt).slice(0, 10)}</span>
                          </span>
                        </Td>
                        <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-500 md:table-cell">{formatDateTime(r.createdAt)}</Td>
                        <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">
                          <LocationLink code={r.location} />
                          {r.lot ? <span className="block text-xs text-zinc-500">{r.lot}</span> : null}
                        </Td>
                        <Td className={`text-right font-medium tabular ${r.delta > 0 ? "text-emerald-700" : r.delta < 0 ? "text-red-700" : "text-zinc-500"}`}>{signed(r.delta)}</Td>
                        <Td className="text-right font-semibold text-zinc-900 tabular">{format.number(r.balance)}</Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          ) : null}
        </div>

        <Card aria-labelledby="spec-heading" className="self-start">
          <CardHeader id="spec-heading" title={t("attributes")} />
          <CardBody>
            {specEntries.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("noSpec")}</p>
            ) : (
              <dl className="divide-y divide-zinc-100">
                {specEntries.map(([k, v]) => (
                  <div key={k} className="flex justify-between gap-4 py-2 text-sm first:pt-0 last:pb-0">
                    <dt className="text-zinc-500">{k}</dt>
                    <dd className="text-right font-medium break-all text-zinc-900">{String(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </CardBody>
        </Card>
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
