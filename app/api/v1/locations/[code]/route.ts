// GET / PATCH /api/v1/locations/{code}. Locations are deactivated (`active: false`), not deleted.
import { apiRoute, json, readJson } from "@/lib/http";
import { getLocation, updateLocation } from "@/lib/locations/locations";
import { unsupported } from "../../_lib/route";

type Params = { code: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getLocation(actor, params.code)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateLocation(actor, params.code, await readJson(req))));

export const { POST, PUT, DELETE, OPTIONS } = unsupported(["GET", "PATCH"]);
