// zod schemas of the numbering area: used by the admin form (react-hook-form), the server actions,
// the /api/v1 handlers and the OpenAPI document.
import { z } from "zod";
import { isIsoDate } from "./calendar";
import { describeProblem, patternProblems } from "./format";

export const IMPLEMENTATIONS = ["standard", "no_gap"] as const;
export const RANGE_PERIODS = ["year", "month"] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** PostgreSQL integer: counters live in INTEGER columns. */
export const MAX_NUMBER = 2_147_483_647;
export const MAX_PADDING = 32;

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const sequenceCodeSchema = z
  .string()
  .trim()
  .min(1, "Code is required.")
  .max(64, "Code is at most 64 characters.")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Code may contain lower-case letters, digits and . _ - only.");

/** A prefix or suffix; an unknown placeholder or an unbalanced `%(` is refused here, at save time. */
export const patternSchema = z
  .string()
  .max(100, "At most 100 characters.")
  .superRefine((value, ctx) => {
    for (const p of patternProblems(value)) ctx.addIssue({ code: "custom", message: describeProblem(p) });
  });

export const isoDateSchema = z.string().trim().refine(isIsoDate, "Use a date written YYYY-MM-DD.");

const counter = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(1, `${label} is at least 1.`)
    .max(MAX_NUMBER, `${label} is at most ${MAX_NUMBER}.`);

export const sequenceFields = {
  name: z.string().trim().min(1, "Name is required.").max(100, "Name is at most 100 characters."),
  prefix: patternSchema,
  suffix: patternSchema,
  padding: z
    .number({ error: "Padding must be a whole number." })
    .int("Padding must be a whole number.")
    .min(0, "Padding cannot be negative.")
    .max(MAX_PADDING, `Padding is at most ${MAX_PADDING}.`),
  increment: counter("Increment").max(1_000_000, "Increment is at most 1000000."),
  numberNext: counter("Next number"),
  implementation: z.enum(IMPLEMENTATIONS),
  useDateRange: z.boolean(),
  rangePeriod: z.enum(RANGE_PERIODS),
  active: z.boolean(),
};

export const sequenceCreateSchema = z.object({
  code: sequenceCodeSchema,
  /** The owning company; null (or empty) for a sequence shared by all companies. */
  companyId: z.preprocess(emptyToNull, z.uuid("Choose a company.").nullable()).default(null),
  name: sequenceFields.name,
  prefix: sequenceFields.prefix.default(""),
  suffix: sequenceFields.suffix.default(""),
  padding: sequenceFields.padding.default(0),
  increment: sequenceFields.increment.default(1),
  numberNext: sequenceFields.numberNext.default(1),
  implementation: sequenceFields.implementation.default("standard"),
  useDateRange: sequenceFields.useDateRange.default(false),
  rangePeriod: sequenceFields.rangePeriod.default("year"),
  active: sequenceFields.active.default(true),
});
export type SequenceCreateInput = z.input<typeof sequenceCreateSchema>;
export type SequenceCreate = z.output<typeof sequenceCreateSchema>;

/**
 * Code and company are the sequence's identity (callers ask for a number by code) and do not
 * change. `numberNext`, when present, restarts the counter: send it only when the admin changed it,
 * or a number issued since the form was loaded would be handed out again.
 */
export const sequenceUpdateSchema = z.object(sequenceFields).partial();
export type SequenceUpdateInput = z.input<typeof sequenceUpdateSchema>;
export type SequenceUpdate = z.output<typeof sequenceUpdateSchema>;

export const dateRangeUpdateSchema = z.object({ numberNext: sequenceFields.numberNext });
export type DateRangeUpdateInput = z.input<typeof dateRangeUpdateSchema>;

/** `?date=&company=` of the preview route and the body of POST …/next. */
export const numberRequestSchema = z.object({
  /** The document date; today in the company's time zone when absent. */
  date: isoDateSchema.optional(),
  /** A company code: its own sequence wins over the shared one. */
  company: z.string().trim().min(1).max(64).optional(),
});
export type NumberRequest = z.output<typeof numberRequestSchema>;

/** What the admin form previews while the admin types: the draft format and a date. */
export const previewDraftSchema = z.object({
  /** The saved sequence being edited, for its live counters; absent when creating. */
  sequenceId: z.uuid().optional(),
  companyId: z.preprocess(emptyToNull, z.uuid().nullable()).default(null),
  date: isoDateSchema,
  prefix: patternSchema,
  suffix: patternSchema,
  padding: sequenceFields.padding,
  /** Only when typed by the admin (create, or a changed counter); else the saved counter counts. */
  numberNext: sequenceFields.numberNext.optional(),
  useDateRange: z.boolean(),
  rangePeriod: z.enum(RANGE_PERIODS),
});
export type PreviewDraftInput = z.input<typeof previewDraftSchema>;

export const numberResultSchema = z.object({ value: z.string() });

export const dateRangeSchema = z.object({
  id: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  /** The number this range issues next (for standard, read from the PostgreSQL sequence). */
  numberNext: z.number().int(),
});

export const sequenceSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  padding: z.number().int(),
  increment: z.number().int(),
  /** The number issued next when date ranges are off (live value for standard). */
  numberNext: z.number().int(),
  implementation: z.enum(IMPLEMENTATIONS),
  useDateRange: z.boolean(),
  rangePeriod: z.enum(RANGE_PERIODS),
  company: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  /** The time zone placeholders and date ranges follow: the company's, else UTC. */
  timeZone: z.string(),
  active: z.boolean(),
  ranges: z.array(dateRangeSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SequenceDto = z.infer<typeof sequenceSchema>;
export type DateRangeDto = z.infer<typeof dateRangeSchema>;

const uuidSchema = z.uuid();
/** Ids from URLs: a malformed one is simply not found, not a database cast error. */
export function isUuid(value: string): boolean {
  return uuidSchema.safeParse(value).success;
}
