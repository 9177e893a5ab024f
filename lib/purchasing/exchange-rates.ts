// Exchange rates (docs/purchasing.md "Money"): per currency and date, units of the company's base
// currency for one unit of the currency. A rate holds from its date until the next one; an order
// freezes the rate of its order date.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { readDb } from "../read-replica";
import { fieldError, validationError, zodIssues, type Issue } from "../errors";
import { readCsv, requireColumns } from "../imports/csv";
import { decodeCursor, toPage, type Page } from "../pagination";
import { isoDate, parse } from "../validation";
import { z } from "zod";
import { exchangeRateListQuerySchema, exchangeRateSchema, type ExchangeRateDto } from "./schemas";

const MAIN_COMPANY = "MAIN";

/** The company's base currency (companies.base_currency of MAIN). */
export async function baseCurrency(tx: DbClient = db): Promise<string> {
  const c = await tx.company.findUnique({ where: { code: MAIN_COMPANY }, select: { baseCurrency: true } });
  if (!c) throw new Error("The company MAIN is missing (run the migrations' seed).");
  return c.baseCurrency;
}

export async function companyPurchasing(tx: DbClient = db): Promise<{ baseCurrency: string; threshold: string | null }> {
  const c = await tx.company.findUnique({ where: { code: MAIN_COMPANY }, select: { baseCurrency: true, purchaseApprovalThreshold: true } });
  if (!c) throw new Error("The company MAIN is missing (run the migrations' seed).");
  return { baseCurrency: c.baseCurrency, threshold: c.purchaseApprovalThreshold?.toString() ?? null };
}

/**
 * The rate of `currency` on `date` (the latest at or before it); 1 for the base currency. Refused
 * with a message a purchaser can act on when no rate is known yet.
 */
export async function rateOn(tx: DbClient, currency: string, date: Date, base: string): Promise<string> {
  if (currency === base) return "1";
  const r = await tx.exchangeRate.findFirst({ where: { currency, date: { lte: date } }, orderBy: { date: "desc" }, select: { rate: true } });
  if (!r) {
    const day = date.toISOString().slice(0, 10);
    const message = `No exchange rate for ${currency} on or before ${day}; a manager enters it under Purchasing › Exchange rates.`;
    throw fieldError("VALIDATION_FAILED", "currency", message, "purchasing.errors.noRate", { currency, date: day });
  }
  return r.rate.toFixed();
}

function dto(r: { currency: string; date: Date; rate: { toFixed(): string }; updatedAt: Date }): ExchangeRateDto {
  // toFixed: toString writes rates below 1e-6 as "1e-7".
  return { currency: r.currency, date: r.date.toISOString().slice(0, 10), rate: r.rate.toFixed(), updatedAt: r.updatedAt.toISOString() };
}

export async function listExchangeRates(actor: Actor, query: unknown): Promise<Page<ExchangeRateDto> & { baseCurrency: string }> {
  assertCan(actor, "purchase.read");
  const q = parse(exchangeRateListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.object({ d: isoDate(), c: z.string() }));
  const rows = await readDb().exchangeRate.findMany({
    where: {
      ...(q.currency ? { currency: q.currency } : {}),
      ...(after ? { OR: [{ date: { lt: new Date(after.d) } }, { date: new Date(after.d), currency: { gt: after.c } }] } : {}),
    },
    orderBy: [{ date: "desc" }, { currency: "asc" }],
    take: q.limit + 1,
  });
  const page = toPage(rows, q.limit, (r) => ({ d: r.date.toISOString().slice(0, 10), c: r.currency }), dto);
  return { ...page, baseCurrency: await baseCurrency() };
}

/** Sets the rate of a currency on a date (creates or replaces it). */
export async function setExchangeRate(actor: Actor, input: unknown): Promise<ExchangeRateDto> {
  assertCan(actor, "rate.write");
  const data = parse(exchangeRateSchema, input);
  return db.$transaction(async (tx) => {
    const [row] = await upsertRates(tx, actor, [data]);
    return row;
  });
}

async function upsertRates(tx: DbClient, actor: Actor, rates: { currency: string; date: string; rate: string }[]): Promise<ExchangeRateDto[]> {
  const base = await baseCurrency(tx);
  const out: ExchangeRateDto[] = [];
  for (const r of rates) {
    if (r.currency === base) {
      throw validationError([{ path: "currency", message: `${base} is the base currency; its rate is always 1.` }]);
    }
    const date = new Date(r.date);
    const before = await tx.exchangeRate.findUnique({ where: { currency_date: { currency: r.currency, date } } });
    const row = await tx.exchangeRate.upsert({
      where: { currency_date: { currency: r.currency, date } },
      create: { currency: r.currency, date, rate: r.rate, createdById: actor.id },
      update: { rate: r.rate },
    });
    await writeAudit(tx, actor, { action: "exchange_rate.set", entity: "exchange_rate", entityId: row.id, before: before ? dto(before) : null, after: dto(row) });
    out.push(dto(row));
  }
  return out;
}

/** CSV import (columns currency, date, rate): all rows or none; errors name their row. */
export async function importExchangeRates(actor: Actor, content: Buffer | string): Promise<{ imported: number }> {
  assertCan(actor, "rate.write");
  const table = readCsv(content, { currency: "currency", date: "date", rate: "rate" });
  requireColumns(table, ["currency", "date", "rate"]);
  const issues: Issue[] = [];
  const rates: { currency: string; date: string; rate: string }[] = [];
  for (const row of table.rows) {
    const r = exchangeRateSchema.safeParse({ currency: row.values.get("currency") ?? "", date: row.values.get("date") ?? "", rate: row.values.get("rate") ?? "" });
    if (r.success) rates.push(r.data);
    else issues.push(...zodIssues(r.error).map((i) => ({ path: `row ${row.row}.${i.path}`, message: i.message })));
  }
  if (issues.length) throw validationError(issues.slice(0, 50), "Some rows are not valid; nothing was imported.");
  if (rates.length === 0) throw validationError([{ path: "file", message: "The file has no rates." }]);
  await db.$transaction(async (tx) => upsertRates(tx, actor, rates), { timeout: 60_000 });
  return { imported: rates.length };
}
