// The movement form's values and the request they become; shared by the page (defaults, on the
// server) and the form (in the browser), so no "use client" here.
import type { MovementType, PostMovementInput } from "@/lib/stock/schemas";

export type LineValues = {
  sku: string;
  location: string;
  from: string;
  to: string;
  quantity?: number;
  counted?: number;
  lot: string;
  expiresAt: string;
  unitCost: string;
};
/** What the form knows of the product a line names (app/(app)/movements/actions.ts lookupProductAction). */
export type LineProduct = { sku: string; name: string; unit: string; tracking: "none" | "lot" | "serial"; total: number; at: Record<string, number> };

export type MovementFormValues = { type: MovementType; reference: string; note: string; reason: string; lines: LineValues[] };

export const emptyLine = (): LineValues => ({ sku: "", location: "", from: "", to: "", quantity: undefined, counted: undefined, lot: "", expiresAt: "", unitCost: "" });

const opt = (s: string | undefined) => (s && s.trim() !== "" ? s : undefined);

/** The request body for the chosen type: only the fields that type takes. */
export function toRequest(v: MovementFormValues): PostMovementInput {
  return {
    type: v.type,
    reference: opt(v.reference),
    note: opt(v.note),
    reason: v.type === "write_off" ? opt(v.reason) : undefined,
    lines: v.lines.map((l) => ({
      sku: l.sku ?? "",
      ...(v.type === "transfer" ? { from: opt(l.from), to: opt(l.to) } : { location: opt(l.location) }),
      ...(v.type === "adjust" ? { counted: l.counted } : { quantity: l.quantity }),
      ...(v.type === "in" ? { lot: opt(l.lot), expiresAt: opt(l.expiresAt), unitCost: opt(l.unitCost) } : {}),
    })),
  };
}

