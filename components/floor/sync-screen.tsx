"use client";
// The floor's Sync screen: what waits to be sent from this device, what the server refused on
// replay (with the reason, to resend edited under a new key or to discard after a confirmation),
// what was sent lately, the local catalogue, and this device's settings (scanner prefix and
// timing, opening the floor after sign-in).
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useStockErrorText } from "../forms/use-stock-error-text";
import { cn } from "../ui/cn";
import { deviceLanding, saveLandingPreference } from "./landing";
import { catalogRefreshedAt, onCatalogRefreshed, refreshCatalog } from "./local/catalog";
import { floorDb, type OutboxItem } from "./local/db";
import { useOutbox } from "./floor-runtime";
import { attentionItems, discard, resend, sendOutbox, sentItems, waitingItems } from "./local/outbox";
import { saveScannerSettings, scannerSettings } from "./scanner/settings";

const button = "h-12 rounded-xl border-2 border-zinc-300 bg-white px-4 text-base font-semibold active:bg-zinc-100 disabled:opacity-50";

const readOutbox = async (userId: string) => {
  const [waiting, attention, sent, all] = await Promise.all([waitingItems(userId), attentionItems(userId), sentItems(userId), floorDb.outbox.toArray()]);
  return { waiting, attention, sent, others: all.filter((i) => i.userId !== userId && i.state !== "sent") };
};

export function SyncScreen() {
  const t = useTranslations("floor");
  const format = useFormatter();
  const data = useOutbox(readOutbox);
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const sendNow = async () => {
    setSending(true);
    setNote(null);
    try {
      const r = await sendOutbox();
      if (r?.kind === "waiting") setNote(r.reason === "signedOut" ? t("syncSignedOut") : t("syncOffline"));
    } finally {
      setSending(false);
    }
  };

  const what = (i: OutboxItem) => {
    const l = i.line;
    const where = i.type === "transfer" ? `${l.from} → ${l.to}` : l.location;
    return `${t(`kind.${i.type}`)} ${format.number(l.quantity)} × ${l.sku} · ${where}${l.lot ? ` · ${t("lot")} ${l.lot}` : ""}`;
  };

  if (!data) return <p className="text-lg">{t("loading")}</p>;

  return (
    <div className="space-y-5">
      <section aria-labelledby="waiting-heading" className="rounded-2xl bg-white p-4 shadow-sm">
        <h2 id="waiting-heading" className="text-xl font-bold">
          {t("waitingHeading", { n: data.waiting.length })}
        </h2>
        {data.waiting.length ? (
          <ol className="mt-2 divide-y divide-zinc-200" aria-label={t("waitingList")}>
            {data.waiting.map((i) => (
              <li key={i.key} className="py-2">
                <p className="font-mono text-base font-semibold">{what(i)}</p>
                <p className="text-sm text-zinc-600">
                  {format.dateTime(new Date(i.confirmedAt), { hour: "2-digit", minute: "2-digit", second: "2-digit" })} · {i.state === "sending" ? t("stateSending") : t("stateWaiting")}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-base text-zinc-600">{t("nothingWaiting")}</p>
        )}
        <button type="button" className={cn(button, "mt-3")} onClick={() => void sendNow()} disabled={sending || !data.waiting.length}>
          {sending ? t("sending") : t("sendNow")}
        </button>
        {note ? (
          <p role="status" className="mt-2 text-base font-semibold text-amber-800">
            {note}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="attention-heading" className={cn("rounded-2xl p-4 shadow-sm", data.attention.length ? "bg-red-50 ring-2 ring-red-600" : "bg-white")}>
        <h2 id="attention-heading" className="text-xl font-bold">
          {t("attentionHeading", { n: data.attention.length })}
        </h2>
        {data.attention.length ? (
          <ul className="mt-2 space-y-3" aria-label={t("attentionList")}>
            {data.attention.map((i) => (
              <AttentionItem key={i.key} item={i} what={what(i)} />
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-base text-zinc-600">{t("nothingToCheck")}</p>
        )}
      </section>

      {data.others.length ? (
        <section aria-labelledby="others-heading" className="rounded-2xl bg-white p-4 shadow-sm">
          <h2 id="others-heading" className="text-xl font-bold">
            {t("othersHeading")}
          </h2>
          <ul className="mt-2 space-y-1">
            {[...new Set(data.others.map((i) => i.userName))].map((name) => (
              <li key={name} className="text-base">
                {t("othersWait", { n: data.others.filter((i) => i.userName === name).length, name })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.sent.length ? (
        <section aria-labelledby="sent-heading" className="rounded-2xl bg-white p-4 shadow-sm">
          <h2 id="sent-heading" className="text-xl font-bold">
            {t("sentHeading")}
          </h2>
          <ul className="mt-2 divide-y divide-zinc-200">
            {data.sent.map((i) => (
              <li key={i.key} className="py-2">
                <p className="font-mono text-base">{what(i)}</p>
                <p className="font-mono text-sm text-zinc-600">{i.result?.number}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <CatalogSection />
      <DeviceSettings />
    </div>
  );
}

function AttentionItem({ item, what }: { item: OutboxItem; what: string }) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const [qty, setQty] = useState(String(item.line.quantity));
  const [asking, setAsking] = useState(false);
  const errorText = useStockErrorText();
  const e = item.error!;
  const reason =
    e.code === "INSUFFICIENT_STOCK" && e.available !== undefined
      ? t("refusedShort", { available: format.number(e.available), location: e.location ?? item.line.location ?? item.line.from ?? "" })
      : (errorText(e.message, e) ?? e.message);
  const valid = /^\d+$/.test(qty) && Number(qty) >= 1 && Number(qty) <= 1_000_000;
  return (
    <li className="rounded-xl bg-white p-3 shadow-sm">
      <p className="font-mono text-base font-semibold">{what}</p>
      <p className="mt-1 text-base font-semibold text-red-700">{reason}</p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm font-semibold">
          {t("quantity")}
          <input value={qty} onChange={(ev) => setQty(ev.target.value.replace(/\s/g, ""))} inputMode="numeric" className="h-12 w-28 rounded-xl border-2 border-zinc-300 px-2 text-xl font-bold" />
        </label>
        <button
          type="button"
          className={button}
          disabled={!valid}
          onClick={() => void resend(item.key, { line: { ...item.line, quantity: Number(qty) } }, crypto.randomUUID()).then(() => sendOutbox())}
        >
          {t("resend")}
        </button>
        {asking ? (
          <span className="flex items-center gap-2">
            <span className="text-base font-semibold">{t("discardSure")}</span>
            <button type="button" className={cn(button, "border-red-600 text-red-700")} onClick={() => void discard(item.key)}>
              {t("discardYes")}
            </button>
            <button type="button" className={button} onClick={() => setAsking(false)}>
              {t("discardNo")}
            </button>
          </span>
        ) : (
          <button type="button" className={button} onClick={() => setAsking(true)}>
            {t("discard")}
          </button>
        )}
      </div>
    </li>
  );
}

function CatalogSection() {
  const t = useTranslations("floor");
  const format = useFormatter();
  const [state, setState] = useState<{ at: string | null | undefined; products: number; locations: number } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const [at, products, locations] = await Promise.all([catalogRefreshedAt(), floorDb.products.count(), floorDb.locations.count()]);
      if (live) setState({ at, products, locations });
    };
    void load();
    const off = onCatalogRefreshed(() => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  const at = state?.at;
  const counts = state;
  return (
    <section aria-labelledby="catalog-heading" className="rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="catalog-heading" className="text-xl font-bold">
        {t("catalogHeading")}
      </h2>
      <p className="mt-1 text-base text-zinc-700">
        {at ? t("catalogAt", { at: format.dateTime(new Date(at), { dateStyle: "short", timeStyle: "medium" }) }) : t("catalogNever")}
        {counts ? ` · ${t("catalogCounts", { products: counts.products, locations: counts.locations })}` : ""}
      </p>
      <button
        type="button"
        className={cn(button, "mt-3")}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void refreshCatalog().finally(() => setBusy(false));
        }}
      >
        {t("catalogRefresh")}
      </button>
    </section>
  );
}

const noSubscribe = () => () => {};

function DeviceSettings() {
  // The settings live in this browser: shown once mounted (the server cannot know them).
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  return mounted ? <DeviceSettingsForm /> : null;
}

function DeviceSettingsForm() {
  const t = useTranslations("floor");
  const [settings, setSettings] = useState(() => {
    const s = scannerSettings();
    return { prefix: s.prefix ?? "", gapMs: String(s.gapMs), floorFirst: deviceLanding() === "floor" };
  });
  const [saved, setSaved] = useState(false);
  const gap = Number(settings.gapMs);
  const valid = settings.prefix.length <= 1 && Number.isInteger(gap) && gap >= 10 && gap <= 200;
  return (
    <section aria-labelledby="device-heading" className="rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="device-heading" className="text-xl font-bold">
        {t("deviceHeading")}
      </h2>
      <form
        className="mt-2 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          saveScannerSettings({ prefix: settings.prefix || null, gapMs: gap });
          saveLandingPreference(settings.floorFirst ? "floor" : "desk");
          setSaved(true);
        }}
      >
        <label className="flex items-center gap-3 text-base font-semibold">
          <input type="checkbox" className="size-6" checked={settings.floorFirst} onChange={(e) => setSettings({ ...settings, floorFirst: e.target.checked })} />
          {t("landingFloor")}
        </label>
        <label className="block text-base font-semibold">
          {t("scannerPrefix")}
          <input value={settings.prefix} maxLength={1} onChange={(e) => setSettings({ ...settings, prefix: e.target.value })} aria-describedby="prefix-hint" className="mt-1 block h-12 w-24 rounded-xl border-2 border-zinc-300 px-2 text-xl" />
        </label>
        <p id="prefix-hint" className="text-sm text-zinc-600">
          {t("scannerPrefixHint")}
        </p>
        <label className="block text-base font-semibold">
          {t("scannerGap")}
          <input value={settings.gapMs} inputMode="numeric" onChange={(e) => setSettings({ ...settings, gapMs: e.target.value })} aria-invalid={!valid || undefined} className="mt-1 block h-12 w-28 rounded-xl border-2 border-zinc-300 px-2 text-xl" />
        </label>
        <button type="submit" className={button} disabled={!valid}>
          {t("saveSettings")}
        </button>
        {saved ? (
          <p role="status" className="text-base font-semibold text-emerald-800">
            {t("settingsSaved")}
          </p>
        ) : null}
      </form>
    </section>
  );
}
