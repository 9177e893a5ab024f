import { apiRoute, json, queryOf } from "@/lib/http";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listAlerts(actor, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
