import { apiRoute, json, queryOf } from "@/lib/http";
import { unsupported } from "../../_lib/route";
import { listErpInventory } from "@/lib/stock/queries";
import { toCsv } from "@/lib/csv";

// JSON pages by default; `?format=csv` streams the whole view (filters apply) as CSV.
export const GET = apiRoute(async ({ req, actor }) => {
  const query = queryOf(req);
  if (query.format !== "csv") return json(await listErpInventory(actor, query));
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => k !== "format"));
  const stream = new ReadableStream<string>({
    async start(controller) {
      controller.enqueue(toCsv([["sku", "location", "quantity"]]));
      let cursor: string | undefined;
      do {
        const page = await listErpInventory(actor, { ...filters, limit: "500", ...(cursor ? { cursor } : {}) });
        controller.enqueue(toCsv(page.items.map((r) => [r.sku, r.location, r.quantity])));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      controller.close();
    },
  });
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="erp-inventory.csv"', "Cache-Control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
