"use server";
// Exchange-rate server actions over lib/purchasing/exchange-rates.ts (which checks rate.write,
// validates and audits); errors come back localised.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { importExchangeRates, setExchangeRate } from "@/lib/purchasing/exchange-rates";
import { localizeSupplierResult } from "../suppliers/localize";

/** What a server action may receive as a request body (next.config's default serverActions limit). */
const MAX_UPLOAD_BYTES = 1_000_000;

export async function setExchangeRateAction(input: unknown): Promise<ActionResult<{ currency: string; date: string; rate: string }>> {
  const r = await runAction(async (actor) => {
    const rate = await setExchangeRate(actor, input);
    return { currency: rate.currency, date: rate.date, rate: rate.rate };
  });
  if (r.ok) revalidatePath("/purchasing/rates");
  return localizeSupplierResult(r);
}

/** CSV upload (columns currency,date,rate): all rows or none; the issues name their row ("row 3.rate"). */
export async function importExchangeRatesAction(form: FormData): Promise<ActionResult<{ imported: number }>> {
  const file = form instanceof FormData ? form.get("file") : null;
  if (!(file instanceof File) || file.size === 0) {
    return localizeSupplierResult({ ok: false, error: { code: "VALIDATION_FAILED", message: "Choose a CSV file.", issues: [{ path: "file", message: "Choose a CSV file." }] } });
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return localizeSupplierResult({ ok: false, error: { code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 1 MB.", issues: [{ path: "file", message: "The file is larger than 1 MB." }] } });
  }
  const content = Buffer.from(await file.arrayBuffer());
  const r = await runAction((actor) => importExchangeRates(actor, content));
  if (r.ok) revalidatePath("/purchasing/rates");
  return localizeSupplierResult(r);
}
