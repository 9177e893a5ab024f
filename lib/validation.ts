import type { z } from "zod";
import { validationError, zodIssues } from "./errors";

/** Parses input with a zod schema or throws VALIDATION_FAILED with `details.issues`. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(zodIssues(r.error));
  return r.data;
}
