// Field-by-field difference of an audit row's before and after. Nested objects are walked into
// dotted paths (`spec.color`, `lines[0].quantity`) so a change deep inside JSON reads as one line.

export type DiffKind = "added" | "removed" | "changed";
export type DiffRow = { path: string; kind: DiffKind; before?: unknown; after?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaves of a JSON value keyed by path; empty objects and arrays count as leaves. */
function flatten(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isObject(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(value) && value.length) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else {
    out.set(path, value);
  }
  return out;
}

/** Changed, added and removed fields, in the order they first appear (before's keys, then after's). */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const b = before === null || before === undefined ? new Map<string, unknown>() : flatten(before, "", new Map());
  const a = after === null || after === undefined ? new Map<string, unknown>() : flatten(after, "", new Map());
  const rows: DiffRow[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const inB = b.has(path);
    const inA = a.has(path);
    if (inB && inA) {
      if (JSON.stringify(b.get(path)) !== JSON.stringify(a.get(path))) rows.push({ path, kind: "changed", before: b.get(path), after: a.get(path) });
    } else if (inA) rows.push({ path, kind: "added", after: a.get(path) });
    else rows.push({ path, kind: "removed", before: b.get(path) });
  }
  return rows;
}

/** A leaf as text: strings as they are, everything else as JSON. */
export function showValue(v: unknown): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}
