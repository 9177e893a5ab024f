// POST /api/v1/movements/reversals {movement, reason}: reverses a posted movement (docs/api.md);
// the movement is named in the body because movement numbers contain slashes.
import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http";
import { parse } from "@/lib/validation";
import { unsupported } from "../../_lib/route";
import { reverseMovement } from "@/lib/stock/reverse-movement";

const body = z.looseObject({ movement: z.string({ error: "Name the movement to reverse (its number)." }).trim().min(1, "Name the movement to reverse (its number).").max(64) });

export const POST = apiRoute(async ({ req, actor }) => {
  const input = await readJson(req);
  const { movement } = parse(body, input);
  const { result, replayed, reverses } = await reverseMovement(actor, movement, input, { idempotencyKey: req.headers.get("idempotency-key") });
  return json({ ...result, reverses }, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
