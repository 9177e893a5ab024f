// A batch of movements (POST /api/v1/movements/batch): ERP integrations and the handheld's offline
// queue send up to MAX_BATCH_MOVEMENTS at once, each with its own idempotency key.
//
// The envelope is validated once, as a whole: no array, too few or too many items, or an item
// without a valid key → VALIDATION_FAILED and nothing is posted. Then each item goes, in order,
// through postMovement — its own transaction, its own permission check and validation — and
// answers what POST /api/v1/movements would have: the movement (201, `replayed` on a replay of
// its key) or the error with its HTTP status. A failed item rolls back only itself.
import { assertCan, type Actor } from "../auth/permissions";
import { AppError, fromDatabaseError, validationError, zodIssues } from "../errors";
import { log } from "../log";
import { postMovement } from "./post-movement";
import { postMovementBatchSchema, type MovementResult } from "./schemas";

export type BatchItemPosted = { index: number; status: 201; replayed: boolean; movement: MovementResult };
export type BatchItemFailed = { index: number; status: number; error: ReturnType<AppError["toJSON"]>["error"] };
export type BatchItemResult = BatchItemPosted | BatchItemFailed;
export type BatchResult = { results: BatchItemResult[] };

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
  const items = parsed.data.movements;
  for (let index = 0; index < items.length; index++) {
    const { idempotencyKey, ...movement } = items[index];
    try {
      const { result, replayed } = await postMovement(actor, movement, { idempotencyKey });
      results.push({ index, status: 201, replayed, movement: result });
    } catch (e) {
      results.push(failed(index, e, actor));
    }
  }
  return { results };
}

function failed(index: number, e: unknown, actor: Actor): BatchItemFailed {
  const err = fromDatabaseError(e);
  if (err instanceof AppError) return { index, status: err.status, error: err.toJSON().error };
  log.error("unexpected error in a movement of a batch", { err: e, index, userId: actor.id, channel: actor.channel });
  return { index, status: 500, error: { code: "INTERNAL", message: "An unexpected error occurred." } };
}
