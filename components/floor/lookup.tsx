"use client";
// Look up: scan a product to see where it is, or a location to see what it holds. Tapping a row
// looks that up in turn (product → its location → another product there …).
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { LookupResult } from "@/app/floor/actions";
import type { ActionResult } from "@/lib/action";
import { ChevronRightIcon } from "../ui/icons";
import { signal } from "./feedback";
import { lookupLocally } from "./local/catalog";
import { ScanField } from "./steps";
import { useCameraLabels } from "./scan-flow";
import { useScanner } from "./scanner/use-scanner";

export function Lookup({ lookup }: { lookup: (code: string) => Promise<ActionResult<LookupResult>> }) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<LookupResult>(null);
  /** The result came from the device (no connection): the figures are the last known. */
  const [fromDevice, setFromDevice] = useState(false);
  const camera = useCameraLabels();

  // One scan at a time, in order; the field is already clear for the next one (the scanner model).
  const { text, setText, push: run, busy, scanRef: inputRef } = useScanner({
    onScan: async (code) => {
      setError(null);
      try {
        const r = await lookup(code);
        if (!r.ok) {
          setError(r.error.message);
          signal("error");
        } else if (!r.data) {
          setError(t("unknownCode", { code }));
          signal("error");
        } else {
          setResult(r.data);
          setFromDevice(false);
          signal("scan");
        }
      } catch {
        // No connection: answer from the device's catalogue and last known stock.
        const local = await lookupLocally(code).catch(() => null);
        if (local) {
          setResult(local);
          setFromDevice(true);
          signal("scan");
        } else {
          setError(t("unknownCode", { code }));
          signal("error");
        }
      }
    },
  });

  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);

  const row = "flex w-full items-center gap-3 px-4 py-3 text-left active:bg-zinc-100";

  return (
    <div className="space-y-3">
      <ScanField
        id="lookup-code"
        label={t("lookupLabel")}
        hint={t("lookupScanHint")}
        value={text}
        onChange={(v) => {
          setText(v);
          setError(null);
        }}
        onSubmit={run}
        error={error}
        inputRef={inputRef}
        busy={busy}
        camera={camera}
      />

      {result?.kind === "product" ? (
        <section aria-labelledby="lookup-result" className="overflow-hidden rounded-2xl bg-white shadow-sm">
          <div className="border-b border-zinc-200 px-4 py-3">
            <h2 id="lookup-result" className="font-mono text-2xl font-bold">
              {result.product.product.sku}
            </h2>
            <p className="text-base text-zinc-700">{result.product.product.name}</p>
            {result.product.product.barcode ? <p className="font-mono text-sm text-zinc-500">{result.product.product.barcode}</p> : null}
            <p className="mt-2 text-lg">
              {t("totalOnHand")}:{" "}
              <strong className="text-3xl font-black tabular">{format.number(result.product.total)}</strong> {result.product.product.unit}
            </p>
            {fromDevice ? <p className="mt-1 text-base font-semibold text-amber-800">{t("lastKnownNote")}</p> : null}
          </div>
          {result.product.stock.length === 0 ? (
            <p className="px-4 py-4 text-base text-zinc-600">{t("noStockAnywhere")}</p>
          ) : (
            <ul className="divide-y divide-zinc-200" aria-label={t("stockByLocation")}>
              {result.product.stock.map((s) => (
                <li key={s.location}>
                  <button type="button" className={row} onClick={() => run(s.location)}>
                    <span className="min-w-0 flex-1">
                      <span className="block font-mono text-xl font-bold">{s.location}</span>
                      <span className="block text-sm text-zinc-600">
                        {s.reserved > 0 ? t("availableShort", { n: format.number(s.available) }) : s.locationName}
                      </span>
                    </span>
                    <span className="text-3xl font-black tabular">{format.number(s.quantity)}</span>
                    <ChevronRightIcon className="size-6 shrink-0 text-zinc-400" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : result?.kind === "location" ? (
        <section aria-labelledby="lookup-result" className="overflow-hidden rounded-2xl bg-white shadow-sm">
          <div className="border-b border-zinc-200 px-4 py-3">
            <h2 id="lookup-result" className="font-mono text-2xl font-bold">
              {result.location.code}
            </h2>
            <p className="text-base text-zinc-700">{result.location.name}</p>
            <p className="mt-1 text-base text-zinc-600">{t("productsHere", { n: result.contents.length })}</p>
            {fromDevice ? <p className="mt-1 text-base font-semibold text-amber-800">{t("lastKnownNote")}</p> : null}
          </div>
          {result.contents.length === 0 ? (
            <p className="px-4 py-4 text-base text-zinc-600">{t("locationEmpty")}</p>
          ) : (
            <ul className="divide-y divide-zinc-200" aria-label={t("contents")}>
              {result.contents.map((c) => (
                <li key={c.sku}>
                  <button type="button" className={row} onClick={() => run(c.sku)}>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-mono text-lg font-bold">{c.sku}</span>
                      <span className="block truncate text-sm text-zinc-600">{c.name}</span>
                    </span>
                    <span className="text-3xl font-black tabular">{format.number(c.quantity)}</span>
                    <ChevronRightIcon className="size-6 shrink-0 text-zinc-400" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
