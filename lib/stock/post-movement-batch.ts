// A batch of movements (POST /api/v1/movements/batch): ERP integrations and the handheld's offline
// queue send up to MAX_BATCH_MOVEMENTS at once, each with its own idempotency key.
//
// The envelope is validated once, as a whole: no array, too few or too many items, or an item
// without a valid key → VALIDATION_FAILED and nothing is posted. Then each item is checked as
// postMovement checks it (permission, validation, key, request hash) and the items that pass are
// posted IN ORDER, each answering what POST /api/v1/movements would have: the movement (201,
// `replayed` on a replay of its key) or the error with its HTTP status. A failed item changes nothing
// and rolls back nothing else.
//
// How (docs/concurrency.md "Batches"): the plain movements go set-based, a run of them per call of
// the SQL function stock_post_batch (migration 20261213090000_movement_batch) — one transaction for
// the run, a dozen statements for all of it. The first item it cannot post on the happy path (lots,
// serials, not enough stock, an unknown code, a key in flight…) ends the run; that item goes alone
// through postMovement (stock_post, its own transaction, its exact error), and the next run starts
// after it. Should a run fail as a whole (a lock wait timed out…), its items go one by one.
import { assertCan, type Actor } from "../auth/permissions";
import { AppError, fromDatabaseError, validationError, zodIssues } from "../errors";
import { log } from "../log";
import { currentRequestId } from "../request-context";
import { postRuns, type PreparedMovement } from "./engine";
import { postMovement, prepareMovement, settleMovement, type PostOutcome } from "./post-movement";
import { postMovementBatchSchema, type MovementResult } from "./schemas";

export type BatchItemPosted = { index: number; status: 201; replayed: boolean; movement: MovementResult };
export type BatchItemFailed = { index: number; status: number; error: ReturnType<AppError["toJSON"]>["error"] };
export type BatchItemResult = BatchItemPosted | BatchItemFailed;
export type BatchResult = { results: BatchItemResult[] };

type Item = { index: number; input: Record<string, unknown>; key: string; prepared: PreparedMovement };

export async function postMovementBatch(actor: Actor, input: unknown): Promise<BatchResult> {
  // A user who may post no movement at all is refused once, not once per item.
  assertCan(actor, "movement.post");
  const parsed = postMovementBatchSchema.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const [first] = issues;
    const more = issues.length > 1 ? ` (${issues.length} issues in details.issues)` : "";
    throw validationError(issues, `The batch is not valid; nothing was posted. ${first.path ? `${first.path}: ` : ""}${first.message}${more}`);
  }
  const results: BatchItemResult[] = [];
  const ready: Item[] = [];
  parsed.data.movements.forEach(({ idempotencyKey, ...movement }, index) => {
    try {
      ready.push({ index, input: movement, key: idempotencyKey, prepared: prepareMovement(actor, movement, idempotencyKey) });
    } catch (e) {
      results[index] = failed(index, e, actor);
    }
  });

  await postRuns(
    actor,
    ready,
    currentRequestId() ?? null,
    (item, posted) => {
      try {
        results[item.index] = answered(item.index, settleMovement(actor, item.prepared, posted));
      } catch (e) {
        results[item.index] = failed(item.index, e, actor);
      }
    },
    async (item) => {
      results[item.index] = await postAlone(actor, item);
    },
  );
  return { results };
}

async function postAlone(actor: Actor, item: Item): Promise<BatchItemResult> {
  try {
    return answered(item.index, await postMovement(actor, item.input, { idempotencyKey: item.key }));
  } catch (e) {
    return failed(item.index, e, actor);
  }
}

function answered(index: number, { result, replayed }: PostOutcome): BatchItemPosted {
  return { index, status: 201, replayed, movement: result };
}

function failed(index: number, e: unknown, actor: Actor): BatchItemFailed {
  const err = fromDatabaseError(e);
  if (err instanceof AppError) return { index, status: err.status, error: err.toJSON().error };
  log.error("unexpected error in a movement of a batch", { err: e, index, userId: actor.id, channel: actor.channel });
  return { index, status: 500, error: { code: "INTERNAL", message: "An unexpected error occurred." } };
}
