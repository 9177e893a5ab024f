// GET /api/v1/sequences/{code}/preview?date=YYYY-MM-DD[&company=CODE] → {"value": "WH/IN/2026/00042"}:
// the number the sequence issues next for that document date, consuming nothing (sequence.read).
import { apiRoute, json, queryOf } from "@/lib/http";
import { unsupported } from "../../../_lib/route";
import { previewSequence } from "@/lib/numbering/preview";

export const GET = apiRoute<{ code: string }>(async ({ req, actor, params }) => json(await previewSequence(actor, params.code, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
