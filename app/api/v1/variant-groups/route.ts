import { apiRoute, json, queryOf } from "@/lib/http";
import { listVariantGroups } from "@/lib/catalog/list-variant-groups";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listVariantGroups(actor, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
