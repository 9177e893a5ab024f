import { apiRoute, json, queryOf } from "@/lib/http";
import { unsupported } from "../_lib/route";
import { listInventory } from "@/lib/stock/queries";

export const GET = apiRoute(async ({ req, actor }) => json(await listInventory(actor, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
