"use server";
// Serial items on the handheld (docs/floor.md "Serial items"): one item by a scanned IMEI or
// identifier, and its next step — arrival check 1/2, arrive at a location, ship, report abnormal,
// resolve — through the serial domain (lib/serials/items.ts), as the "handheld" channel so the
// item's history says where each step was taken. Online only: nothing here goes through the outbox.
import { runAction, type ActionResult } from "@/lib/action";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { checkArrival, getSerialItem, transitionSerialItem } from "@/lib/serials/items";
import type { SerialItemDto } from "@/lib/serials/schemas";
import { allowedTargets, nextArrivalCheck, type SerialStatus } from "@/lib/serials/states";

/** What the floor shows of an item, with what may be done with it now. */
export type FloorSerial = {
  id: string;
  identifier: string;
  imei: string | null;
  flag: string | null;
  product: { sku: string; name: string };
  status: SerialStatus;
  abnormalFrom: SerialStatus | null;
  abnormalReason: string | null;
  location: string | null;
  checkedArrivalAt1: string | null;
  checkedArrivalAt2: string | null;
  /** The arrival check that comes next (1, then 2), or null. */
  nextCheck: 1 | 2 | null;
  /** The states it may go to now (lib/serials/states.ts). */
  allowed: SerialStatus[];
  deleted: boolean;
};

/** One step on the item: what the clerk tapped. */
export type FloorSerialStep =
  | { kind: "check" }
  | { kind: "arrive"; location: string }
  | { kind: "ship" }
  | { kind: "abnormal"; reason: string }
  | { kind: "resolve" };

export type FloorSerialOutcome =
  | { kind: "done"; item: FloorSerial }
  /** Refused by the state table (another clerk or the desktop was first): the item as it is now. */
  | { kind: "refused"; item: FloorSerial };

const isText = (v: unknown, max = 128): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;
const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };

function floorSerial(d: SerialItemDto): FloorSerial {
  const status = d.status as SerialStatus;
  const from = (d.abnormalFrom ?? null) as SerialStatus | null;
  const checked1 = d.checkedArrivalAt1 ? new Date(d.checkedArrivalAt1) : null;
  const checked2 = d.checkedArrivalAt2 ? new Date(d.checkedArrivalAt2) : null;
  return {
    id: d.id,
    identifier: d.identifier,
    imei: d.imei,
    flag: d.flag,
    product: { sku: d.product.sku, name: d.product.name },
    status,
    abnormalFrom: from,
    abnormalReason: d.abnormalReason,
    location: d.location,
    checkedArrivalAt1: d.checkedArrivalAt1,
    checkedArrivalAt2: d.checkedArrivalAt2,
    nextCheck: d.deleted ? null : nextArrivalCheck(status, checked1, checked2),
    allowed: d.deleted ? [] : allowedTargets(status, from),
    deleted: d.deleted,
  };
}

/** The item a scanned IMEI or identifier names; null when there is none. */
export async function serialItemAction(code: unknown): Promise<ActionResult<FloorSerial | null>> {
  if (!isText(code)) return { ok: true, data: null };
  return localizeStockResult(
    await runAction(async (actor) => {
      try {
        return floorSerial(await getSerialItem(actor, code));
      } catch (e) {
        if (e instanceof AppError && e.code === "NOT_FOUND") return null;
        throw e;
      }
    }, "handheld"),
  );
}

function isStep(v: unknown): v is FloorSerialStep {
  if (!v || typeof v !== "object") return false;
  const s = v as Record<string, unknown>;
  switch (s.kind) {
    case "check":
    case "ship":
    case "resolve":
      return true;
    case "arrive":
      return isText(s.location, 64);
    case "abnormal":
      return typeof s.reason === "string" && s.reason.length <= 500;
    default:
      return false;
  }
}

async function apply(actor: Actor, id: string, step: FloorSerialStep): Promise<SerialItemDto> {
  switch (step.kind) {
    case "check":
      return checkArrival(actor, id);
    case "arrive":
      return transitionSerialItem(actor, id, { to: "arrived", location: step.location });
    case "ship":
      return transitionSerialItem(actor, id, { to: "out_of_stock" });
    case "abnormal":
      return transitionSerialItem(actor, id, { to: "abnormal", reason: step.reason });
    case "resolve": {
      const now = await getSerialItem(actor, id);
      if (now.status !== "abnormal" || !now.abnormalFrom) {
        throw new AppError("INVALID_TRANSITION", "Only an abnormal item can be resolved.", { from: now.status, to: now.status, allowed: [] });
      }
      return transitionSerialItem(actor, id, { to: now.abnormalFrom });
    }
  }
}

/**
 * Takes one step on the item `id` (its uuid, as the card holds it). A step the state table refuses
 * now (the item changed since the card was shown) comes back as data with the item as it is.
 */
export async function serialStepAction(id: unknown, step: unknown): Promise<ActionResult<FloorSerialOutcome>> {
  if (!isText(id, 64) || !isStep(step)) return badRequest;
  return localizeStockResult(
    await runAction(async (actor): Promise<FloorSerialOutcome> => {
      try {
        return { kind: "done", item: floorSerial(await apply(actor, id, step)) };
      } catch (e) {
        if (e instanceof AppError && e.code === "INVALID_TRANSITION") return { kind: "refused", item: floorSerial(await getSerialItem(actor, id)) };
        throw e;
      }
    }, "handheld"),
  );
}
