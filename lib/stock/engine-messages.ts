// The movement engine (stock_post, in SQL) reports its refusals as English issues with the code in
// the sentence. This is the one place that reads them: each issue it can raise gets its message key
// (movements.errors.*) and values here, at the domain's edge, so nothing above translates by text.
import type { Issue } from "../errors";

const ENGINE_ISSUES: [RegExp, string, string[]][] = [
  [/^Unknown SKU or barcode "(.*)"\.$/s, "unknownProduct", ["code"]],
  [/^Unknown location "(.*)"\.$/s, "unknownLocation", ["code"]],
  [/^Location (.+) is inactive\.$/s, "inactiveLocation", ["code"]],
  [/^(.+) is serial-tracked and moves by serial number only\.$/s, "serialTracked", ["sku"]],
];

/** The engine's issue with its key, when it is one the engine is known to raise. */
export function keyEngineIssue(issue: Issue): Issue {
  if (issue.messageKey) return issue;
  for (const [re, key, names] of ENGINE_ISSUES) {
    const m = re.exec(issue.message);
    if (m) return { ...issue, messageKey: `movements.errors.${key}`, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return issue;
}
