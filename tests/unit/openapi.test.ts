// The OpenAPI document: valid 3.1, and in step with the route files under app/api/v1 — a route
// without its operation in lib/openapi.ts (or an operation without a route) fails here.
import fs from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi";

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `METHOD /path` for every handler a route file really implements (not the 405 stubs of `unsupported`). */
function routeOperations(): string[] {
  const ops: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_") && !entry.name.startsWith("[[...")) walk(full);
        continue;
      }
      if (entry.name !== "route.ts") continue;
      const urlPath = "/" + path.relative(V1, dir).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
      const src = fs.readFileSync(full, "utf8");
      for (const m of METHODS) {
        if (new RegExp(`export (const ${m}\\s*=|(async )?function ${m}\\b)`).test(src)) ops.push(`${m} ${urlPath}`);
      }
    }
  };
  walk(V1);
  return ops.sort();
}

describe("openapi document", () => {
  const doc = openApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("documents exactly the operations the route files implement", () => {
    const documented = Object.entries(doc.paths ?? {})
      .flatMap(([p, item]) => Object.keys(item ?? {}).filter((k) => METHODS.includes(k.toUpperCase())).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(routeOperations());
  });

  it("registers the shared schemas, each one referenced (bar the documentation-only PageQuery)", () => {
    const names = Object.keys(doc.components?.schemas ?? {});
    expect(names).toEqual(expect.arrayContaining(["Product", "ProductCreate", "ProductUpdate", "ProductPage", "Location", "Error", "TokenResponse", "Credentials"]));
    const text = JSON.stringify(doc);
    expect(names.filter((n) => !text.includes(`"#/components/schemas/${n}"`))).toEqual(["PageQuery"]);
  });

  it("is built once", () => {
    expect(openApiDocument()).toBe(doc);
  });
});
