// Company-wide entry settings (lib/settings/entry-guard.ts); browser-safe, the settings form uses it.
import { z } from "zod";
import { amountSchema } from "../money";

export const entrySettingsSchema = z.object({
  /**
   * The desk forms ask "post anyway?" before sending a line (quantity × unit cost) or an amount worth
   * more than this, in base currency; empty = never ask. A confirmation in the browser, never a
   * refusal on the server.
   */
  entryConfirmAbove: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), amountSchema.nullable()),
});
export type EntrySettings = { baseCurrency: string; entryConfirmAbove: string | null };
/** What a desk form needs to confirm above the limit: the limit (null: never ask) and its currency. */
export type EntryLimit = { above: string | null; currency: string };
