import { apiRoute, json, queryOf } from "@/lib/http";
import { unsupported } from "../_lib/route";
import { listLedger } from "@/lib/stock/queries";

export const GET = apiRoute(async ({ req, actor }) => json(await listLedger(actor, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
