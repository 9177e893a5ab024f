import { apiRoute, json, queryOf } from "@/lib/http";
import { listInventory } from "@/lib/stock/queries";

export const GET = apiRoute(async ({ req, actor }) => json(await listInventory(actor, queryOf(req))));
