import { apiRoute, json, queryOf } from "@/lib/http";
import { unsupported } from "../../_lib/route";
import { listErpInventory } from "@/lib/stock/queries";
import { toCsv } from "@/lib/csv";

const CSV_BATCH = "500";

// JSON pages by default; `?format=csv` streams the whole view (filters apply) as CSV. The first
// batch is read before the answer starts: permission, filters and cursor are checked, and any
// refusal is a proper 4xx, never an error after a 200 status line. Later batches are read as the
// client pulls (memory stays at one batch).
export const GET = apiRoute(async ({ req, actor }) => {
  const query = queryOf(req);
  if (query.format !== "csv") return json(await listErpInventory(actor, query));
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => k !== "format" && k !== "limit"));
  let page = await listErpInventory(actor, { ...filters, limit: CSV_BATCH });
  let first = true;
  const stream = new ReadableStream<string>(
    {
      async pull(controller) {
        if (!first) {
          if (!page.nextCursor) return controller.close();
          page = await listErpInventory(actor, { ...filters, limit: CSV_BATCH, cursor: page.nextCursor });
        }
        controller.enqueue((first ? toCsv([["sku", "location", "quantity"]]) : "") + toCsv(page.items.map((r) => [r.sku, r.location, r.quantity])));
        first = false;
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="erp-inventory.csv"', "Cache-Control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
