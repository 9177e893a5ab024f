// GET /api/v1/openapi.json: a valid OpenAPI 3.1 document of the API, public.
import { compileErrors, validate } from "@readme/openapi-parser";
import { expect, test } from "@playwright/test";
import { API, as, LOCATION_FIELDS, PRODUCT_FIELDS } from "./support";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, unknown> };
  security: unknown[];
};

test.describe("openapi.json", () => {
  let doc: Doc;

  test.beforeEach(async ({ request }) => {
    const res = await request.get(`${API}/openapi.json`); // no token: public
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    doc = await res.json();
  });

  test("declares OpenAPI 3.1.x and validates with @readme/openapi-parser", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.specification).toBe("OpenAPI");
  });

  test("documents every v1 operation, bearer auth, and the public ones as public", async () => {
    const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(ops.sort()).toEqual(
      [
        "POST /auth/token",
        "GET /products",
        "POST /products",
        "GET /products/{sku}",
        "PATCH /products/{sku}",
        "DELETE /products/{sku}",
        "POST /products/{sku}/restore",
        "GET /locations",
        "POST /locations",
        "GET /locations/{code}",
        "PATCH /locations/{code}",
        "GET /warehouses",
        "GET /movements",
        "POST /movements",
        "POST /movements/batch",
        "POST /movements/reversals",
        "GET /inventory",
        "GET /ledger",
        "GET /erp/inventory",
        "GET /floor/catalog",
        "GET /alerts",
        "GET /variant-groups",
        "GET /sequences/{code}/preview",
        "POST /sequences/{code}/next",
        "GET /suppliers",
        "POST /suppliers",
        "GET /suppliers/{code}",
        "PATCH /suppliers/{code}",
        "DELETE /suppliers/{code}",
        "PUT /suppliers/{code}/products",
        "DELETE /suppliers/{code}/products/{sku}",
        "PUT /suppliers/{code}/tolerance",
        "GET /exchange-rates",
        "POST /exchange-rates",
        "POST /exchange-rates/import",
        "GET /purchasing/settings",
        "PUT /purchasing/settings",
        "GET /purchase-orders",
        "POST /purchase-orders",
        "POST /purchase-orders/reorder-drafts",
        "GET /purchase-orders/{number}",
        "PATCH /purchase-orders/{number}",
        "POST /purchase-orders/{number}/transitions",
        "POST /purchase-orders/{number}/receipts",
        "GET /serial-items",
        "POST /serial-items",
        "GET /serial-items/{id}",
        "PATCH /serial-items/{id}",
        "DELETE /serial-items/{id}",
        "POST /serial-items/{id}/transitions",
        "POST /shipments/{number}/returns",
        "POST /serial-items/{id}/arrival-checks",
        "GET /serial-items/{id}/history",
        "GET /purchase-sources/{kind}",
        "POST /purchase-sources/{kind}",
        "GET /purchase-sources/{kind}/{id}",
        "DELETE /purchase-sources/{kind}/{id}",
        "GET /customers",
        "POST /customers",
        "GET /customers/{code}",
        "PATCH /customers/{code}",
        "DELETE /customers/{code}",
        "GET /sales-orders",
        "POST /sales-orders",
        "GET /sales-orders/{number}",
        "PUT /sales-orders/{number}",
        "POST /sales-orders/{number}/transitions",
        "GET /sales-orders/{number}/shipments",
        "POST /sales-orders/{number}/shipments",
        "GET /products/{sku}/reservations",
        "GET /pick-lists",
        "POST /pick-lists",
        "GET /pick-lists/{number}",
        "POST /pick-lists/{number}/lines/{seq}/pick",
        "GET /shipments/{number}",
        "GET /shipments/{number}/returns",
        "GET /webhooks",
        "POST /webhooks",
        "GET /webhooks/{id}",
        "PATCH /webhooks/{id}",
        "DELETE /webhooks/{id}",
        "GET /webhooks/{id}/deliveries",
        "POST /webhooks/{id}/deliveries/{deliveryId}/redeliver",
        "POST /webhooks/{id}/rotate-secret",
        "POST /webhooks/{id}/ping",
        "GET /health",
        "GET /openapi.json",
      ].sort(),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    for (const [path, method] of [["/auth/token", "post"], ["/health", "get"], ["/openapi.json", "get"]]) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([]);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op.security) continue;
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["401", "403"]));
      }
    }
  });

  test("status codes and bodies match the handlers", async () => {
    expect(Object.keys(doc.paths["/products"].post.responses)).toEqual(expect.arrayContaining(["201", "400", "409", "413", "422"]));
    expect(Object.keys(doc.paths["/products/{sku}"].delete.responses)).toEqual(expect.arrayContaining(["200", "404"]));
    expect(Object.keys(doc.paths["/auth/token"].post.responses)).toEqual(expect.arrayContaining(["200", "401", "422", "429"]));
    expect(doc.paths["/products"].post.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/ProductCreate" } } } });
    expect(doc.paths["/products/{sku}"].patch.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/ProductUpdate" } } } });
    expect(Object.keys(doc.paths["/movements/batch"].post.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "413", "422"]));
    expect(doc.paths["/movements/batch"].post.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/MovementBatchCreate" } } } });
    expect(Object.keys(doc.paths["/suppliers/{code}"].delete.responses)).toEqual(expect.arrayContaining(["200", "404", "409"]));
    expect(Object.keys(doc.paths["/purchase-orders/{number}/transitions"].post.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "422"]));
    expect(Object.keys(doc.paths["/purchase-orders/{number}/receipts"].post.responses)).toEqual(expect.arrayContaining(["201", "404", "409", "422"]));
    expect(doc.paths["/purchase-orders"].post.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/PurchaseOrderCreate" } } } });
    expect(doc.paths["/exchange-rates/import"].post.requestBody).toMatchObject({ content: { "text/csv": { schema: { type: "string" } } } });
    expect(Object.keys(doc.paths["/serial-items"].post.responses)).toEqual(expect.arrayContaining(["201", "403", "409", "422"]));
    expect(Object.keys(doc.paths["/serial-items/{id}/transitions"].post.responses)).toEqual(expect.arrayContaining(["200", "404", "409", "422"]));
    expect(Object.keys(doc.paths["/purchase-sources/{kind}/{id}"].delete.responses)).toEqual(expect.arrayContaining(["204", "404", "409"]));
    expect(doc.paths["/serial-items"].post.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/SerialItemCreate" } } } });
    expect(Object.keys(doc.paths["/customers"].post.responses)).toEqual(expect.arrayContaining(["201", "403", "409", "422"]));
    expect(Object.keys(doc.paths["/customers/{code}"].delete.responses)).toEqual(expect.arrayContaining(["200", "404", "409"]));
    expect(Object.keys(doc.paths["/sales-orders/{number}/transitions"].post.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "422"]));
    expect(Object.keys(doc.paths["/sales-orders/{number}/shipments"].post.responses)).toEqual(expect.arrayContaining(["201", "403", "404", "409", "422"]));
    expect(Object.keys(doc.paths["/pick-lists"].post.responses)).toEqual(expect.arrayContaining(["201", "403", "409", "422"]));
    expect(Object.keys(doc.paths["/pick-lists/{number}/lines/{seq}/pick"].post.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "422"]));
    for (const [path, method, schema] of [
      ["/customers", "post", "CustomerCreate"],
      ["/customers/{code}", "patch", "CustomerUpdate"],
      ["/sales-orders", "post", "SalesOrderCreate"],
      ["/sales-orders/{number}", "put", "SalesOrderCreate"],
      ["/sales-orders/{number}/transitions", "post", "SalesOrderTransition"],
      ["/sales-orders/{number}/shipments", "post", "Ship"],
      ["/pick-lists", "post", "PickListCreate"],
      ["/pick-lists/{number}/lines/{seq}/pick", "post", "Pick"],
    ]) {
      expect(doc.paths[path][method].requestBody, `${method} ${path}`).toMatchObject({ content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } });
    }
    // POST /movements takes and answers one serial per unit on lines of serial-tracked products.
    expect(JSON.stringify(doc.components.schemas.MovementCreate)).toContain('"serials"');
    expect(JSON.stringify(doc.components.schemas.MovementResult)).toContain('"serials"');
    expect(doc.components.schemas.MovementBatchCreate).toMatchObject({ required: ["movements"], properties: { movements: { minItems: 1, maxItems: 100 } } });
  });

  test("schemas: product and location DTOs, list page, error shape", async () => {
    const s = doc.components.schemas;
    expect(Object.keys(s.Product.properties!).sort()).toEqual([...PRODUCT_FIELDS, "deletedAt"].sort());
    expect(Object.keys(s.Location.properties!).sort()).toEqual([...LOCATION_FIELDS].sort());
    expect(s.ProductPage.required!.sort()).toEqual(["items", "nextCursor"]);
    expect(s.ProductPage.properties!.items).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/Product" } });
    expect(s.Error.required).toEqual(["error"]);
    expect(s.Error.properties!.error).toMatchObject({ required: ["code", "message"], properties: { code: { enum: expect.arrayContaining(["VALIDATION_FAILED", "UNAUTHENTICATED", "FORBIDDEN", "DUPLICATE", "RATE_LIMITED"]) } } });
    expect(s.ProductCreate.required!.sort()).toEqual(["name", "sku"]);
    expect(s.Credentials.required!.sort()).toEqual(["email", "password"]);
  });

  test("the live answers have the documented fields", async ({ request }) => {
    const s = doc.components.schemas;
    const product = await (await request.get(`${API}/products/SKU-00001`, await as(request, "viewer"))).json();
    expect(Object.keys(product).sort()).toEqual([...s.Product.required!].sort());
    const token = await (await request.post(`${API}/auth/token`, { data: { email: "viewer@example.com", password: "demo-password" } })).json();
    expect(Object.keys(token).sort()).toEqual([...s.TokenResponse.required!].sort());
    const health = await (await request.get(`${API}/health`, await as(request, "admin"))).json();
    expect(Object.keys(health).sort()).toEqual([...s.Health.required!].sort());
  });
});
