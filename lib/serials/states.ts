// The serial item state machine (docs/serials.md): ONE table, read by the domain, the pages'
// buttons, the API documentation and the unit tests.
//
//   planned → in_transit → arrived → out_of_stock
//   planned → arrived (goods that came without a transit stage)
//   abnormal from any other state, resolved back to the state it came from (and only to it)
//
// `arrived` needs a location and posts an `in` movement of 1 naming the serial; `out_of_stock`
// posts an `out` naming it. An abnormal item is frozen: it neither moves nor ships until resolved.
// Arrival checks 1 and 2 are not states: they stamp the item while it is planned or in transit.

export const SERIAL_STATUSES = ["planned", "in_transit", "arrived", "out_of_stock", "abnormal"] as const;
export type SerialStatus = (typeof SERIAL_STATUSES)[number];

type Edge = { from: SerialStatus; to: SerialStatus; needsLocation?: boolean; movement?: "in" | "out" };

export const SERIAL_TRANSITIONS: readonly Edge[] = [
  { from: "planned", to: "in_transit" },
  { from: "planned", to: "arrived", needsLocation: true, movement: "in" },
  { from: "in_transit", to: "arrived", needsLocation: true, movement: "in" },
  { from: "arrived", to: "out_of_stock", movement: "out" },
  { from: "planned", to: "abnormal" },
  { from: "in_transit", to: "abnormal" },
  { from: "arrived", to: "abnormal" },
  { from: "out_of_stock", to: "abnormal" },
];

/** The states an item with `status` may go to (`abnormalFrom`: where an abnormal item came from). */
export function allowedTargets(status: SerialStatus, abnormalFrom: SerialStatus | null = null): SerialStatus[] {
  if (status === "abnormal") return abnormalFrom ? [abnormalFrom] : [];
  return SERIAL_TRANSITIONS.filter((e) => e.from === status).map((e) => e.to);
}

export type SerialDecision =
  | { ok: true; edge: Edge | { from: "abnormal"; to: SerialStatus; resolve: true } }
  | { ok: false; from: SerialStatus; to: SerialStatus; allowed: SerialStatus[] };

export function decideSerial(status: SerialStatus, to: SerialStatus, abnormalFrom: SerialStatus | null = null): SerialDecision {
  const allowed = allowedTargets(status, abnormalFrom);
  if (!allowed.includes(to)) return { ok: false, from: status, to, allowed };
  if (status === "abnormal") return { ok: true, edge: { from: "abnormal", to, resolve: true } };
  return { ok: true, edge: SERIAL_TRANSITIONS.find((e) => e.from === status && e.to === to)! };
}

/** Whether the item physically is in the warehouse (and so at exactly one location). */
export function onHand(status: SerialStatus, abnormalFrom: SerialStatus | null): boolean {
  return status === "arrived" || (status === "abnormal" && abnormalFrom === "arrived");
}

export const ARRIVAL_CHECK_STATES: readonly SerialStatus[] = ["planned", "in_transit"];

/** Which arrival check comes next (1, then 2), or null when both are done or the state allows none. */
export function nextArrivalCheck(status: SerialStatus, checked1: Date | null, checked2: Date | null): 1 | 2 | null {
  if (!ARRIVAL_CHECK_STATES.includes(status)) return null;
  if (!checked1) return 1;
  if (!checked2) return 2;
  return null;
}
