// The admin form's live preview: the number a sequence *as being edited* would issue for a date,
// before anything is saved. The format comes from the draft; the counter from the saved sequence
// (its live counter or the range containing the date) unless the admin typed a new one.
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { parseLocalDateTime, periodBounds } from "./calendar";
import { newRangeBounds } from "./date-range";
import { formatSequenceNumber } from "./format";
import { previewDraftSchema } from "./schemas";
import { loadSequence } from "./sequence-dto";

export type DraftPreview = {
  value: string;
  number: number;
  timeZone: string;
  /** The date range the number would come from; `isNew` when first use would create it. */
  range: { from: string; to: string; isNew: boolean } | null;
};

export async function previewDraft(actor: Actor, input: unknown): Promise<DraftPreview> {
  assertCan(actor, "sequence.manage");
  const draft = parse(previewDraftSchema, input);
  const saved = draft.sequenceId ? await loadSequence(db, draft.sequenceId) : null;
  if (draft.sequenceId && !saved) throw new AppError("NOT_FOUND", "Sequence not found.");

  const companyId = saved ? (saved.company?.id ?? null) : draft.companyId;
  const [clock] = await db.$queryRaw<{ tz: string; cur: string }[]>`
    SELECT tz, to_char(now() AT TIME ZONE tz, 'YYYY-MM-DD HH24:MI:SS') AS cur
    FROM (SELECT COALESCE((SELECT time_zone FROM companies WHERE id = ${companyId}::uuid), 'UTC') AS tz) t`;

  let number: number;
  let range: DraftPreview["range"] = null;
  if (draft.useDateRange) {
    const existing = saved?.ranges.find((r) => r.dateFrom <= draft.date && draft.date <= r.dateTo);
    if (existing) {
      number = existing.numberNext;
      range = { from: existing.dateFrom, to: existing.dateTo, isNew: false };
    } else {
      const bounds = saved ? await newRangeBounds(db, saved.id, draft.rangePeriod, draft.date) : periodBounds(draft.date, draft.rangePeriod);
      number = 1;
      range = { ...bounds, isNew: true };
    }
  } else {
    number = draft.numberNext ?? saved?.numberNext ?? 1;
  }

  const effective = parseLocalDateTime(draft.date);
  const value = formatSequenceNumber(draft, number, {
    effective,
    range: range ? parseLocalDateTime(range.from) : effective,
    current: parseLocalDateTime(clock.cur),
  });
  return { value, number, timeZone: clock.tz, range };
}
