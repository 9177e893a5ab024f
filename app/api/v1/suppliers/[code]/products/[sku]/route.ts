// DELETE /api/v1/suppliers/{code}/products/{sku}: the supplier no longer sells us this product → 204.
import { apiRoute } from "@/lib/http";
import { removeSupplierProduct } from "@/lib/purchasing/suppliers";
import { unsupported } from "../../../../_lib/route";

export const DELETE = apiRoute<{ code: string; sku: string }>(async ({ actor, params }) => {
  await removeSupplierProduct(actor, params.code, params.sku);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = unsupported(["DELETE"]);
