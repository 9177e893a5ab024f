"use server";
// Picking on the handheld (docs/floor.md "Picking"): the open pick lists, one list with its lines,
// and one pick through pickLine (lib/sales/pick-lists.ts), which locks the order and the list and
// checks every scan again, as the "handheld" channel. Online only: nothing here goes through the
// floor's outbox.
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { getPickList, listPickLists, pickLine } from "@/lib/sales/pick-lists";
import type { PickListDto, PickResult } from "@/lib/sales/schemas";

/** An open pick list as the chooser shows it. */
export type FloorPickListSummary = { number: string; orders: string[]; lines: number; left: number; createdAt: string };

const isText = (v: unknown, max = 64): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;
const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };

/** Open pick lists, oldest first (picked in the order they were made). */
export async function openPickListsAction(): Promise<ActionResult<FloorPickListSummary[]>> {
  return localizeStockResult(
    await runAction(async (actor) => {
      const page = await listPickLists(actor, { status: "open", limit: 100 });
      return page.items
        .map((p) => ({ number: p.number, orders: p.orders, lines: p.lines.length, left: p.lines.filter((l) => l.pickedQuantity === null).length, createdAt: p.createdAt }))
        .reverse();
    }, "handheld"),
  );
}

/** One pick list by its number; null when there is none. */
export async function pickListAction(number: unknown): Promise<ActionResult<PickListDto | null>> {
  if (!isText(number)) return { ok: true, data: null };
  return localizeStockResult(
    await runAction(async (actor) => {
      try {
        return await getPickList(actor, number);
      } catch (e) {
        if (e instanceof AppError && e.code === "NOT_FOUND") return null;
        throw e;
      }
    }, "handheld"),
  );
}

/** Picks line `seq` of `number` with what was scanned (pickSchema: location, sku, quantity, lot, serial, reason). */
export async function pickLineAction(number: unknown, seq: unknown, input: unknown): Promise<ActionResult<PickResult>> {
  if (!isText(number) || typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) return badRequest;
  return localizeStockResult(await runAction((actor) => pickLine(actor, number, seq, input), "handheld"));
}
