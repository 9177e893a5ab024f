import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/action";

type Failure = Extract<ActionResult<unknown>, { ok: false }>["error"];

/**
 * Puts a failed action's `issues` next to their fields (`setError(path)`), focusing the first;
 * returns the message for the general banner when something could not be placed on a field.
 */
export function applyServerErrors<T extends FieldValues>(error: Failure, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  let placed = 0;
  let unplaced = false;
  for (const issue of error.issues ?? []) {
    if (fields.includes(issue.path)) {
      setError(issue.path as Path<T>, { type: "server", message: issue.message }, { shouldFocus: placed === 0 });
      placed++;
    } else {
      unplaced = true;
    }
  }
  if (placed > 0 && !unplaced) return null;
  const extra = (error.issues ?? []).filter((i) => !fields.includes(i.path)).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return extra.length && error.code === "VALIDATION_FAILED" ? extra.join(" ") : error.message;
}
