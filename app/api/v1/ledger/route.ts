import { apiRoute, json, queryOf } from "@/lib/http";
import { listLedger } from "@/lib/stock/queries";

export const GET = apiRoute(async ({ req, actor }) => json(await listLedger(actor, queryOf(req))));
