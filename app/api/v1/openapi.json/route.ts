// GET /api/v1/openapi.json (public): the OpenAPI 3.1 document, generated from the zod schemas.
import { json, publicRoute } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi";
import { unsupported } from "../_lib/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
