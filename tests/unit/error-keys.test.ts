// Every message key a domain refusal names in lib/ ("movements.errors.insufficient", …) exists in
// English and Chinese, so forms translate each refusal by its key (lib/i18n/translate-error.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NAMESPACES = ["movements", "sales", "purchasing", "validation", "suppliers", "serials"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

function keysInLib(): string[] {
  const re = new RegExp(`"((?:${NAMESPACES.join("|")})\\.errors\\.[A-Za-z]+|validation\\.[A-Za-z]+)"`, "g");
  const out = new Set<string>();
  for (const f of files(path.join(ROOT, "lib"))) for (const m of fs.readFileSync(f, "utf8").matchAll(re)) out.add(m[1]);
  return [...out].sort();
}

function has(lang: string, key: string): boolean {
  const [ns, ...rest] = key.split(".");
  const file = path.join(ROOT, "messages", lang, `${ns}.json`);
  let node: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const k of rest) node = (node as Record<string, unknown> | undefined)?.[k];
  return typeof node === "string" && node.length > 0;
}

describe("message keys of domain refusals", () => {
  const keys = keysInLib();
  it("finds them (the scan works)", () => {
    expect(keys).toEqual(expect.arrayContaining(["movements.errors.insufficient", "sales.errors.notShippable", "purchasing.errors.unknownProduct", "validation.skuExists"]));
  });
  for (const lang of ["en", "zh"]) {
    it(`${lang}: every key has a text`, () => {
      expect(keys.filter((k) => !has(lang, k))).toEqual([]);
    });
  }
});
