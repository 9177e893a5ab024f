// GET /api/v1/exchange-rates (newest date first, cursor-paginated, with the base currency) and
// POST /api/v1/exchange-rates (set one currency's rate on a date, creating or replacing it → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { listExchangeRates, setExchangeRate } from "@/lib/purchasing/exchange-rates";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listExchangeRates(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await setExchangeRate(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
