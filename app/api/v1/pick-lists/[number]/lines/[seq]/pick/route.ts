// POST /api/v1/pick-lists/{number}/lines/{seq}/pick {location, sku, quantity, lot?, serial?, reason?}:
// pick one line (scans checked against it; one transfer to the list's shipping location) → 200
// {pickList, shortfall}. {number} as in GET /pick-lists/{number}; a {seq} that is not a line number → 404.
import { AppError } from "@/lib/errors";
import { apiRoute, json, readJson } from "@/lib/http";
import { pickLine } from "@/lib/sales/pick-lists";
import { PG_INT_MAX } from "@/lib/validation";
import { unsupported } from "../../../../../_lib/route";

export const POST = apiRoute<{ number: string; seq: string }>(async ({ req, actor, params }) => {
  const seq = /^\d{1,10}$/.test(params.seq) ? Number(params.seq) : NaN;
  if (!(seq >= 1 && seq <= PG_INT_MAX)) throw new AppError("NOT_FOUND", `Pick list line ${params.seq} not found.`);
  return json(await pickLine(actor, params.number, seq, await readJson(req)));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
