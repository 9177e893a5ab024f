// GET /api/v1/warehouses: every warehouse on one page (there are few), in the list shape.
import { apiRoute, json } from "@/lib/http";
import { listWarehouses } from "@/lib/locations/locations";
import type { WarehouseDto } from "@/lib/openapi";
import type { Page } from "@/lib/pagination";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ actor }) => {
  const rows = await listWarehouses(actor);
  const page: Page<WarehouseDto> = {
    items: rows.map((w) => ({ id: w.id, code: w.code, name: w.name, active: w.active, locationCount: w._count.locations })),
    nextCursor: null,
  };
  return json(page);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
