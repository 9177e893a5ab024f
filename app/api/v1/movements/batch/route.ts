import { apiRoute, json, readJson } from "@/lib/http";
import { unsupported } from "../../_lib/route";
import { postMovementBatch } from "@/lib/stock/post-movement-batch";

// 200 whatever the items did: each result carries its own status (see lib/stock/post-movement-batch.ts).
export const POST = apiRoute(async ({ req, actor }) => json(await postMovementBatch(actor, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
