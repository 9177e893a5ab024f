// POST /api/v1/purchase-orders/{number}/receipts: receive goods against the order (one `in`
// movement) → 201. Optional Idempotency-Key, as POST /movements: a replay answers the original
// result with `Idempotent-Replayed: true`.
import { apiRoute, json, readJson } from "@/lib/http";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ number: string }>(async ({ req, actor, params }) => {
  const body = await readJson(req);
  const { result, replayed } = await receivePurchaseOrder(actor, params.number, body, { idempotencyKey: req.headers.get("idempotency-key") });
  return json(result, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
