"use client";
// Blind counting on the handheld: location (one of the session's) → product → counted quantity →
// Record. The expected quantity is never sent to this screen; the list shows only what this
// session has counted. Counting the same product at the same location again either adds to the
// earlier count (a second box) or replaces it (a recount) — the counter chooses.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { BlindLine } from "@/lib/counts/count-sessions";
import { cn } from "../ui/cn";
import { CheckIcon } from "../ui/icons";
import { signal } from "./feedback";
import { BigFigure, ConfirmBar, confirmClasses, ResultPanel } from "./steps";
import { LocationAndProductSteps, QuantityStep, ScanQueueNote, useScanFlow, type Resolve } from "./scan-flow";

type Mode = "add" | "set";
type Outcome = { kind: "done"; line: BlindLine } | { kind: "failed"; message: string };

export function CountFlow({
  session,
  initialCounted,
  record,
  resolve,
}: {
  session: { id: string; number: string; locations: string[] };
  initialCounted: BlindLine[];
  record: (sessionId: string, input: unknown) => Promise<ActionResult<{ line: BlindLine; counted: BlindLine[] }>>;
  resolve: Resolve;
}) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const flow = useScanFlow<Outcome>({
    resolve,
    minQuantity: 0,
    checkLocation: (l) => (session.locations.includes(l.code) ? null : t("notInCount", { code: l.code })),
    otherProduct: (p) => t("recordFirst", { sku: p.sku }),
  });
  const { quantity, pending, confirmRef } = flow;
  const { location, product, outcome } = flow.state;
  const [counted, setCounted] = useState(initialCounted);
  const [mode, setMode] = useState<Mode>("add");

  const prior = location && product ? counted.find((l) => l.location === location.code && l.sku === product.sku) : undefined;
  const ready = Boolean(location && product && flow.qtyValid);

  const submit = async () => {
    if (!ready || !location || !product) return;
    await flow.sendOnce(async () => {
      try {
        const r = await record(session.id, { sku: product.sku, location: location.code, counted: quantity, mode: prior ? mode : "set" });
        if (r.ok) {
          setCounted(r.data.counted);
          setMode("add");
          flow.startNext({ kind: "done", line: r.data.line });
        } else {
          flow.set({ outcome: { kind: "failed", message: r.error.message } });
          signal("error");
        }
      } catch {
        // Recording a count is idempotent in "set" mode only; say so rather than retry blindly.
        flow.set({ outcome: { kind: "failed", message: t("noAnswerCount") } });
        signal("error");
      }
    });
  };

  const mine = [...counted].sort((a, b) => b.countedAt.localeCompare(a.countedAt));

  return (
    <div className="space-y-3">
      <div className="rounded-2xl bg-sky-700 px-4 py-3 text-white">
        <p className="font-mono text-lg font-bold">{session.number}</p>
        <p className="text-base text-white/90">{t("blindNote")}</p>
        <p className="mt-1 text-sm break-words text-white/80">
          {t("countLocations")}: <span className="font-mono">{session.locations.join(", ")}</span>
        </p>
      </div>

      <LocationAndProductSteps flow={flow} locationLabel={t("location")} />

      <QuantityStep flow={flow} id="counted" label={t("countedQuantity")} />

      <ScanQueueNote flow={flow} />

      {prior ? (
        <fieldset className="rounded-2xl bg-white p-3 shadow-sm">
          <legend className="float-left mb-2 w-full text-lg font-bold">{t("alreadyCounted", { n: format.number(prior.counted) })}</legend>
          <div className="clear-both grid grid-cols-2 gap-2">
            {(["add", "set"] as const).map((m) => (
              <label
                key={m}
                className={cn(
                  "flex min-h-16 cursor-pointer items-center justify-center rounded-xl border-2 px-2 text-center text-base leading-tight font-semibold",
                  mode === m ? "border-indigo-600 bg-indigo-50 text-indigo-900" : "border-zinc-300",
                )}
              >
                <input type="radio" name="count-mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="sr-only" />
                {m === "add"
                  ? t("modeAdd", { total: format.number(prior.counted + (Number.isFinite(quantity) ? quantity : 0)) })
                  : t("modeSet", { total: format.number(Number.isFinite(quantity) ? quantity : 0) })}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {outcome?.kind === "done" ? (
        <ResultPanel tone="success" title={t("countRecorded", { sku: outcome.line.sku })}>
          <BigFigure caption={t("countedAt", { location: outcome.line.location })} value={format.number(outcome.line.counted)} />
        </ResultPanel>
      ) : outcome?.kind === "failed" ? (
        <ResultPanel tone="error" title={t("notRecorded")}>
          <p className="text-lg font-medium">{outcome.message}</p>
        </ResultPanel>
      ) : null}

      <ConfirmBar>
        {flow.state.step === "confirm" && flow.state.fieldError ? (
          <p role="alert" className="mb-2 text-lg font-semibold text-red-700">
            {flow.state.fieldError}
          </p>
        ) : null}
        <button ref={confirmRef} type="button" onClick={() => void submit()} disabled={!ready || pending} aria-busy={pending || undefined} className={confirmClasses}>
          <CheckIcon className="size-7" />
          {pending ? t("recording") : t("record")}
        </button>
      </ConfirmBar>

      <section aria-labelledby="counted-heading" className="pt-4">
        <h2 id="counted-heading" className="mb-2 text-lg font-bold">
          {t("countedSoFar", { n: counted.length })}
        </h2>
        {mine.length === 0 ? (
          <p className="rounded-2xl bg-white p-4 text-base text-zinc-600">{t("nothingCountedYet")}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 overflow-hidden rounded-2xl bg-white shadow-sm">
            {mine.map((l) => (
              <li key={`${l.location}|${l.sku}`} className="flex items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-mono text-lg font-bold">{l.sku}</p>
                  <p className="truncate text-sm text-zinc-600">
                    <span className="font-mono font-semibold text-zinc-800">{l.location}</span> · {l.name}
                  </p>
                </div>
                <p className="shrink-0 text-3xl font-black tabular">{format.number(l.counted)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
