"use client";
// Upload form: posts the file to /import/run and reads the NDJSON stream of progress lines,
// then shows the summary, the "already imported" notice or the row errors.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { ArrowDownToLineIcon } from "@/components/ui/icons";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { ImportKind, ImportOutcome, ImportProgress, RowError } from "@/lib/imports/types";

type Failure = { code: string; message: string; details: Record<string, unknown> | null };
type Line = { type: "progress" } & ImportProgress | { type: "result"; result: ImportOutcome } | { type: "error"; error: Failure };

export function ImportForm() {
  const t = useTranslations("import");
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>("products");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const fileError = (f: Failure) => {
    const key = typeof f.details?.key === "string" ? `fileErrors.${f.details.key}` : null;
    return key && t.has(key) ? t(key, f.details as Record<string, string>) : f.message;
  };
  const rowMessage = (e: RowError) => (e.key && t.has(`rowErrors.${e.key}`) ? t(`rowErrors.${e.key}`, e.values ?? {}) : e.message);

  function announce(outcome: ImportOutcome | null, failed: Failure | null) {
    if (failed) toast.error(t("failed"), { description: fileError(failed) });
    else if (outcome?.status === "done") toast.success(t("done"));
    else if (outcome?.status === "already") toast.warning(t("already"));
    else if (outcome?.status === "invalid") toast.error(t("invalid"));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setResult(null);
    setFailure(null);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFailure({ code: "VALIDATION_FAILED", message: t("fileErrors.chooseFile"), details: null });
      return;
    }
    setBusy(true);
    setProgress(null);
    // The toast tells the outcome (the alerts below keep the details).
    let outcome: ImportOutcome | null = null;
    let failed: Failure | null = null;
    try {
      const res = await fetch("/import/run", { method: "POST", body: form });
      if (!res.body || !res.headers.get("content-type")?.includes("ndjson")) {
        const body = (await res.json().catch(() => null)) as { error?: Failure } | null;
        failed = body?.error ?? { code: "INTERNAL", message: res.statusText, details: null };
        setFailure(failed);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const raw of lines) {
          if (!raw.trim()) continue;
          const line = JSON.parse(raw) as Line;
          if (line.type === "progress") setProgress(line);
          else if (line.type === "result") setResult((outcome = line.result));
          else setFailure((failed = line.error));
        }
      }
      router.refresh();
    } catch (e) {
      setFailure((failed = { code: "INTERNAL", message: (e as Error).message, details: null }));
    } finally {
      setBusy(false);
      announce(outcome, failed);
    }
  }

  return (
    <Card>
      <CardBody className="space-y-5">
        <form onSubmit={submit} className="space-y-4" aria-busy={busy}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="import-kind" label={t("kind")} hint={t(`kindHelp.${kind}`)}>
              <Select id="import-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} aria-describedby="import-kind-hint">
                <option value="products">{t("kinds.products")}</option>
                <option value="opening_stock">{t("kinds.opening_stock")}</option>
                <option value="serial_items">{t("kinds.serial_items")}</option>
              </Select>
            </Field>
            <Field id="import-file" label={t("file")} hint={t("format")}>
              <Input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="py-2 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1 file:text-sm" aria-describedby="import-file-hint" />
            </Field>
          </div>
          <div className="rounded-lg bg-zinc-50 px-4 py-3 text-sm text-zinc-600">
            <p className="font-medium text-zinc-800">{t("columns")}</p>
            <p className="mt-1 break-words">{t(`columnList.${kind}`)}</p>
            <a href={`/import/template/${kind}`} download className="mt-2 inline-flex min-h-11 items-center gap-1.5 font-medium text-accent-700 hover:underline md:min-h-0">
              <ArrowDownToLineIcon className="size-4" />
              {t("template")}
            </a>
          </div>
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            {busy ? t("running") : t("submit")}
          </Button>
        </form>

        {busy && progress ? (
          <div className="space-y-1.5">
            <progress aria-label={t("progress")} max={Math.max(1, progress.total)} value={progress.done} className="h-2 w-full overflow-hidden rounded-full accent-accent-600" />
            <p className="text-sm text-zinc-600 tabular-nums" aria-live="polite">
              {t(`phase.${progress.phase}`, { done: progress.done, total: progress.total })}
            </p>
          </div>
        ) : null}

        {failure ? (
          <Alert tone="error" title={t("failed")}>
            {fileError(failure)}
          </Alert>
        ) : null}

        {result?.status === "done" ? (
          <Alert tone="success" title={t("done")}>
            {result.kind === "products" || result.kind === "serial_items"
              ? t("summary", { rows: result.rows, created: result.created, updated: result.updated })
              : t("stockSummary", { rows: result.rows, number: result.movementNumber ?? "" })}
          </Alert>
        ) : null}
        {result?.status === "already" ? (
          <Alert tone="warning" title={t("already")}>
            {result.movementNumber
              ? t("alreadyBody", { number: result.movementNumber, at: formatDateTime(result.importedAt) })
              : t("alreadyProducts", { at: formatDateTime(result.importedAt) })}
          </Alert>
        ) : null}
        {result?.status === "invalid" ? (
          <div className="space-y-3">
            <Alert tone="error" title={t("invalid")}>
              {t("invalidBody", { count: result.errorCount })}
              {result.errorCount > result.errors.length ? ` ${t("moreErrors", { shown: result.errors.length, count: result.errorCount })}` : null}
            </Alert>
            <div className="rounded-lg border border-zinc-200">
              <Table aria-label={t("invalid")}>
                <thead>
                  <tr>
                    <Th>{t("row")}</Th>
                    <Th>{t("column")}</Th>
                    <Th>{t("message")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.map((e, i) => (
                    <Tr key={i}>
                      <Td className="tabular-nums">{e.row}</Td>
                      <Td className="font-mono text-xs">{e.column ?? "—"}</Td>
                      <Td className="break-words">{rowMessage(e)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
