// Route templates for the HTTP metrics' `route` label: a request path mapped to the app/ route that
// serves it (`/api/v1/products/ABC-1` → `/api/v1/products/[sku]`), so the label has as many values
// as the app has routes, never one per SKU. Unknown paths share the label `other`; Next's assets
// are `/_next`. Built once at start from the app/ and public/ directories (the production image
// ships the source), matched with a segment tree in Next's order: a static segment before a
// [dynamic] one before a [...catch-all] before an [[...optional]] one.
import fs from "node:fs";
import path from "node:path";

export const OTHER_ROUTE = "other";

type Node = {
  template?: string;
  statics: Map<string, Node>;
  dynamic?: Node;
  catchAll?: Node;
  optionalCatchAll?: Node;
};

const node = (): Node => ({ statics: new Map() });

export type RouteMatcher = (pathname: string) => string;

/** A matcher for a list of templates (`/api/v1/products/[sku]`, `/docs/[[...slug]]`). */
export function routeMatcher(templates: Iterable<string>): RouteMatcher {
  const root = node();
  for (const t of templates) {
    let n = root;
    for (const seg of t.split("/").filter(Boolean)) {
      if (seg.startsWith("[[...")) n = n.optionalCatchAll ??= node();
      else if (seg.startsWith("[...")) n = n.catchAll ??= node();
      else if (seg.startsWith("[")) n = n.dynamic ??= node();
      else {
        let next = n.statics.get(seg);
        if (!next) n.statics.set(seg, (next = node()));
        n = next;
      }
    }
    n.template ??= t === "" ? "/" : t;
  }
  const match = (n: Node, segs: string[], i: number): string | undefined => {
    if (i === segs.length) return n.template ?? n.optionalCatchAll?.template;
    const s = n.statics.get(segs[i]);
    const viaStatic = s && match(s, segs, i + 1);
    if (viaStatic) return viaStatic;
    const viaDynamic = n.dynamic && match(n.dynamic, segs, i + 1);
    if (viaDynamic) return viaDynamic;
    return n.catchAll?.template ?? n.optionalCatchAll?.template;
  };
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next";
    const segs = pathname.split("/").filter(Boolean);
    return match(root, segs, 0) ?? OTHER_ROUTE;
  };
}

/**
 * Visits the files under `dir`; `segment` names a directory's URL segment (null: skip it, "": no
 * segment of its own).
 */
function walk(dir: string, segment: (name: string) => string | null, visit: (segs: string[], file: string) => void, segs: string[] = []): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory()) {
      visit(segs, e.name);
      continue;
    }
    const seg = segment(e.name);
    if (seg !== null) walk(path.join(dir, e.name), segment, visit, seg ? [...segs, seg] : segs);
  }
}

/**
 * The URL templates of an app/ directory: every page and route handler, without route groups
 * `(name)`, parallel-route slots `@name` and private folders `_name`; app/manifest.ts is
 * /manifest.webmanifest.
 */
export function appRouteTemplates(appDir: string): string[] {
  const out = new Set<string>();
  const segment = (name: string) =>
    name.startsWith("_") || name.startsWith("(.") ? null : (name.startsWith("(") && name.endsWith(")")) || name.startsWith("@") ? "" : name;
  walk(appDir, segment, (segs, file) => {
    if (/^(page|route)\.(tsx?|jsx?)$/.test(file)) out.add("/" + segs.join("/"));
    else if (segs.length === 0 && /^manifest\.(ts|js)$/.test(file)) out.add("/manifest.webmanifest");
  });
  return [...out].sort();
}

/** The files of public/ as paths (`/sw.js`, `/icons/icon-192.png`). */
export function publicFiles(publicDir: string): string[] {
  const out: string[] = [];
  walk(publicDir, (name) => name, (segs, file) => out.push(["", ...segs, file].join("/")));
  return out;
}

let appMatcher: RouteMatcher | undefined;
/** The matcher of this app (app/ and public/ under the working directory), built on first use. */
export function routeOf(pathname: string): string {
  appMatcher ??= routeMatcher([...appRouteTemplates(path.join(process.cwd(), "app")), ...publicFiles(path.join(process.cwd(), "public")), "/metrics"]);
  return appMatcher(pathname);
}
