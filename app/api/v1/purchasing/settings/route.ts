// GET / PUT /api/v1/purchasing/settings: the base currency and the approval threshold (PUT:
// purchase.settings; `approvalThreshold: null` means one approval for every order).
import { apiRoute, json, readJson } from "@/lib/http";
import { getPurchasingSettings, setPurchasingSettings } from "@/lib/purchasing/settings";
import { unsupported } from "../../_lib/route";

export const GET = apiRoute(async ({ actor }) => json(await getPurchasingSettings(actor)));

export const PUT = apiRoute(async ({ req, actor }) => json(await setPurchasingSettings(actor, await readJson(req))));

export const { POST, PATCH, DELETE, OPTIONS } = unsupported(["GET", "PUT"]);
