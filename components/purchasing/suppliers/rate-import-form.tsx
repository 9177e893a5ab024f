"use client";
// CSV import of exchange rates (columns currency,date,rate): all rows or none. A refused file's
// problems are listed one per line, naming the row and column ("Row 3, rate: …").
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { rowIssue } from "./supplier-messages";

const MAX_BYTES = 1_000_000;
type Failure = Extract<ActionResult<unknown>, { ok: false }>["error"];

export function RateImportForm({ action }: { action: (form: FormData) => Promise<ActionResult<{ imported: number }>> }) {
  const t = useTranslations("suppliers.rates");
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const errorsId = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [imported, setImported] = useState<number | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const el = event.currentTarget;
    setFailure(null);
    setImported(null);
    const form = new FormData(el);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFailure({ code: "VALIDATION_FAILED", message: t("chooseFile") });
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setFailure({ code: "PAYLOAD_TOO_LARGE", message: t("fileTooLarge") });
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await action(form);
      if (r.ok) {
        toastResult(r, t("imported", { n: r.data.imported }));
        setImported(r.data.imported);
        el.reset();
        router.refresh();
      } else {
        toastResult(r, null, r.error.message);
        setFailure(r.error);
      }
    } catch {
      const message = t("uploadFailed");
      toastResult({ ok: false, error: { message } });
      setFailure({ code: "INTERNAL", message });
    } finally {
      setBusy(false);
    }
  }

  // Row problems first, by row, the first one of each cell (a rate like "seven" also fails the
  // "above zero" rule: one line says enough); a file-level problem (a missing column) has no row.
  const seen = new Set<string>();
  const rows = (failure?.issues ?? [])
    .map((i) => ({ at: rowIssue(i.path), message: i.message }))
    .filter((i): i is { at: { row: number; column: string }; message: string } => i.at !== null)
    .filter((i) => !seen.has(`${i.at.row}.${i.at.column}`) && Boolean(seen.add(`${i.at.row}.${i.at.column}`)))
    .sort((a, b) => a.at.row - b.at.row);
  const others = (failure?.issues ?? []).filter((i) => rowIssue(i.path) === null && i.message !== failure?.message);

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="rate-import-heading" aria-busy={busy}>
      <Field id="rate-file" label={t("file")} hint={t("fileHint")}>
        <Input
          ref={fileRef}
          id="rate-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={failure ? `rate-file-hint ${errorsId}` : "rate-file-hint"}
          aria-invalid={failure ? true : undefined}
          className="py-2 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1 file:text-sm"
        />
      </Field>
      <div className="rounded-lg bg-zinc-50 px-4 py-3 text-sm text-zinc-600">
        <p className="font-medium text-zinc-800">{t("columns")}</p>
        <pre className="mt-1 overflow-x-auto font-mono text-xs text-zinc-700">{"currency,date,rate\nUSD,2026-12-01,7.1234\nEUR,2026-12-01,7.7021"}</pre>
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={busy} aria-busy={busy} className="w-full sm:w-auto">
          {busy ? t("importing") : t("import")}
        </Button>
      </div>

      {imported !== null ? (
        <Alert tone="success" title={t("imported", { n: imported })}>
          {t("importedHint")}
        </Alert>
      ) : null}
      {failure ? (
        <Alert tone="error" title={t("importFailed")} id={errorsId}>
          <p>{failure.message}</p>
          {rows.length || others.length ? (
            <ul className="mt-2 list-disc space-y-1 pl-5" aria-label={t("problems")}>
              {rows.map((i, n) => (
                <li key={`r${n}`}>{t("rowProblem", { row: i.at.row, column: i.at.column, message: i.message })}</li>
              ))}
              {others.map((i, n) => (
                <li key={`o${n}`}>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </form>
  );
}
