// GET /api/v1/locations (list, cursor-paginated) and POST /api/v1/locations (create → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createLocation, listLocations } from "@/lib/locations/locations";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listLocations(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createLocation(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
