import { getTranslations } from "next-intl/server";
import { RateForm } from "@/components/purchasing/suppliers/rate-form";
import { RateImportForm } from "@/components/purchasing/suppliers/rate-import-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, FilterBar, FilterField, ListEmptyState, ListFooter } from "@/components/ui/list-page";
import { ScaleIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError, type Issue } from "@/lib/errors";
import { baseCurrency, listExchangeRates } from "@/lib/purchasing/exchange-rates";
import type { ExchangeRateDto } from "@/lib/purchasing/schemas";
import { importExchangeRatesAction, setExchangeRateAction } from "./actions";

export const generateMetadata = listTitle("suppliers.rates");

const PATH = "/purchasing/rates";
const PAGE_SIZE = 50;

export default listRoute("purchase.read", PATH, RatesPage);

async function RatesPage({ sp }: { sp: ListParams }) {
  const filters = { currency: one(sp.currency)?.toUpperCase() };
  const cursor = one(sp.cursor);
  const user = await requirePage("purchase.read", hrefWith(PATH, { ...filters, cursor }));
  const actor = await requireActor();
  const t = await getTranslations("suppliers.rates");

  let page: { items: ExchangeRateDto[]; nextCursor: string | null } = { items: [], nextCursor: null };
  let base: string;
  let failure: string | null = null;
  try {
    const listed = await listExchangeRates(actor, { limit: String(PAGE_SIZE), currency: filters.currency, cursor });
    page = listed;
    base = listed.baseCurrency;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    const issues = (e.details?.issues as Issue[] | undefined) ?? [];
    failure = issues.some((i) => i.path === "currency") ? t("badCurrency") : t("badQuery");
    base = await baseCurrency();
  }
  const writable = can(user.role, "rate.write");
  const clear = filters.currency ? { href: PATH, label: t("clearFilter") } : null;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={t("title")}
        badge={
          <Badge tone="accent">
            {t("baseBadge", { base })}
          </Badge>
        }
        description={t("subtitle", { base })}
      />

      {writable ? (
        <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card aria-labelledby="rate-form-heading">
            <CardHeader id="rate-form-heading" title={t("setTitle")} description={t("setHint", { base })} />
            <CardBody>
              <RateForm today={today} base={base} action={setExchangeRateAction} />
            </CardBody>
          </Card>
          <Card aria-labelledby="rate-import-heading">
            <CardHeader id="rate-import-heading" title={t("importTitle")} description={t("importHint")} />
            <CardBody>
              <RateImportForm action={importExchangeRatesAction} />
            </CardBody>
          </Card>
        </div>
      ) : null}

      <Card aria-labelledby="rates-list-heading">
        <CardHeader id="rates-list-heading" title={t("listTitle")} description={t("listHint")} />
        <FilterBar clear={clear}>
          <FilterForm action={PATH} label={t("filters")}>
            <div className="flex flex-wrap items-end gap-3">
              <FilterField id="currency" label={t("currency")} className="w-40">
                <Input id="currency" name="currency" defaultValue={filters.currency} maxLength={3} autoCapitalize="characters" autoComplete="off" spellCheck={false} placeholder="USD" className="font-mono uppercase" />
              </FilterField>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>
        {failure ? (
          <BadQueryAlert message={failure} back={{ href: PATH, label: t("backToAll") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState icon={<ScaleIcon />} clear={clear} title={t("empty")} hint={writable ? t("emptyHint") : undefined} filteredTitle={t("emptyFiltered", { currency: filters.currency ?? "" })} />
        ) : (
          <Table>
            <caption className="sr-only">{t("listTitle")}</caption>
            <thead>
              <tr>
                <Th>{t("currency")}</Th>
                <Th>{t("date")}</Th>
                <Th className="text-right">{t("rateIn", { base })}</Th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <Tr key={`${r.currency}|${r.date}`}>
                  <Td className="font-mono font-medium text-zinc-900">{r.currency}</Td>
                  <Td className="font-mono whitespace-nowrap">{r.date}</Td>
                  <Td className="text-right font-mono tabular">{r.rate}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith(PATH, filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith(PATH, filters) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
