// POST /api/v1/sequences/{code}/next {"date": "YYYY-MM-DD", "company": "CODE"?} → {"value": "..."}:
// draws a number by hand (admin, audited), e.g. for a paper document.
import { apiRoute, json, readJson } from "@/lib/http";
import { unsupported } from "../../../_lib/route";
import { issueNumber } from "@/lib/numbering/issue-number";

export const POST = apiRoute<{ code: string }>(async ({ req, actor, params }) => json(await issueNumber(actor, params.code, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
