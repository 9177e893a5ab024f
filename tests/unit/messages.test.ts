// Every message key exists in both languages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "@/lib/notifications/notify";

const DIR = path.resolve(import.meta.dirname, "../../messages");

function keys(o: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  const files = fs.readdirSync(path.join(DIR, "en")).filter((f) => f.endsWith(".json")).sort();
  it("has the same files in en and zh", () => {
    expect(fs.readdirSync(path.join(DIR, "zh")).filter((f) => f.endsWith(".json")).sort()).toEqual(files);
  });
  for (const f of files) {
    it(`${f}: the same keys in en and zh`, () => {
      const en = keys(JSON.parse(fs.readFileSync(path.join(DIR, "en", f), "utf8")));
      const zh = keys(JSON.parse(fs.readFileSync(path.join(DIR, "zh", f), "utf8")));
      expect(zh.sort()).toEqual(en.sort());
    });
  }
});

describe("notification texts", () => {
  for (const lang of ["en", "zh"]) {
    it(`${lang}: every notification kind has its text (kinds.<kind>, dots nest)`, () => {
      const all = keys(JSON.parse(fs.readFileSync(path.join(DIR, lang, "notifications.json"), "utf8")));
      for (const kind of NOTIFICATION_KINDS) expect(all).toContain(`kinds.${kind}`);
    });
  }
});
