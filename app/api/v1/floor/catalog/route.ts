import { apiRoute, json, queryOf } from "@/lib/http";
import { floorCatalog } from "@/lib/floor/catalog";
import { unsupported } from "../../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await floorCatalog(actor, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
