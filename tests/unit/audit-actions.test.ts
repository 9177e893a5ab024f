// Every action code the audit log is written with has a label in English and Chinese, and the
// audit page's action filter offers it (lib/audit/actions.ts). The codes are read from the source:
// each writeAudit call in lib/ (a literal, both sides of a ternary, or a template's prefix), the
// supplier changes that pass their action through, and stock_post's own insert in SQL.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_CHANNELS, auditActionKey } from "@/lib/audit/actions";

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

function codesInSource(): { literal: string[]; prefixes: string[] } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const f of files(path.join(ROOT, "lib"), ".ts")) {
    const src = fs.readFileSync(f, "utf8");
    for (const m of src.matchAll(/writeAudit\(/g)) {
      const call = src.slice(m.index, m.index + 400);
      const action = /action:\s*([^,\n]+)/.exec(call)?.[1] ?? "";
      for (const s of action.matchAll(/"([A-Za-z_.0-9]+)"/g)) literal.add(s[1]);
      const template = /`([A-Za-z_.]+)\$\{/.exec(action);
      if (template) prefixes.add(template[1]);
    }
    for (const m of src.matchAll(/change\(actor, code, "([a-z_.]+)"/g)) literal.add(m[1]);
  }
  const migrations = path.join(ROOT, "prisma/migrations");
  for (const f of files(migrations, ".sql")) {
    for (const m of fs.readFileSync(f, "utf8").matchAll(/INSERT INTO audit_logs[^;]*?VALUES \(\w+, '([a-z_.]+)'/g)) literal.add(m[1]);
  }
  return { literal: [...literal].sort(), prefixes: [...prefixes].sort() };
}

function labels(lang: string, group: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "messages", lang, "admin.json"), "utf8"))[group] ?? {};
}

describe("audit action codes", () => {
  const { literal, prefixes } = codesInSource();

  it("reads the codes from the source (the scan itself finds them)", () => {
    expect(literal).toEqual(expect.arrayContaining(["product.create", "movement.post", "movement.reverse", "supplier.update", "user.deactivate"]));
    expect(prefixes).toEqual(expect.arrayContaining(["purchase_order.", "sales_order.", "serial_item."]));
  });

  it("every code written in lib/ is listed in AUDIT_ACTIONS", () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    expect(literal.filter((c) => !known.has(c))).toEqual([]);
    for (const p of prefixes) expect(AUDIT_ACTIONS.some((a) => a.startsWith(p))).toBe(true);
  });

  for (const lang of ["en", "zh"]) {
    it(`${lang}: every action and channel has a label`, () => {
      const actions = labels(lang, "auditActions");
      expect(AUDIT_ACTIONS.filter((a) => !actions[auditActionKey(a)])).toEqual([]);
      const channels = labels(lang, "channels");
      expect(AUDIT_CHANNELS.filter((c) => !channels[c])).toEqual([]);
    });
  }

  it("labels differ between the languages (not copied codes)", () => {
    const en = labels("en", "auditActions");
    const zh = labels("zh", "auditActions");
    expect(AUDIT_ACTIONS.filter((a) => en[auditActionKey(a)] === zh[auditActionKey(a)])).toEqual([]);
  });
});
