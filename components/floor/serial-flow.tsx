"use client";
// Serial items on the handheld (docs/floor.md "Serial items"): scan an IMEI or an identifier → the
// item's card and its next step as one big button, with the alternatives under it:
//   planned / in transit → Arrival check 1, then 2 (while due), Arrive (scan the location, confirm)
//   arrived → Ship (confirm) · any state → Report abnormal (a reason) · abnormal → Frozen, Resolve.
// After each step the card shows the item as the server returned it; scanning another code loads
// that item. Scans go through the floor's scanner queue (./scanner/use-scanner.ts), so a location
// scanned right behind "Arrive" waits its turn. Online only: every step is checked under the item's
// lock on the server, so nothing is queued offline.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FloorSerial, FloorSerialOutcome, FloorSerialStep } from "@/app/floor/serial-actions";
import type { ActionResult } from "@/lib/action";
import type { Scanned, ScannedLocation } from "@/lib/stock/scan-lookup";
import { cn } from "../ui/cn";
import { AlertTriangleIcon, CheckIcon, LockIcon } from "../ui/icons";
import { signal } from "./feedback";
import { useOnline } from "./purchase-receive-flow";
import { ScanQueueNote, useCameraLabels } from "./scan-flow";
import { useScanner } from "./scanner/use-scanner";
import { ConfirmBar, confirmClasses, ResultPanel, ScanField } from "./steps";

export type SerialActions = {
  load: (code: string) => Promise<ActionResult<FloorSerial | null>>;
  step: (id: string, step: FloorSerialStep) => Promise<ActionResult<FloorSerialOutcome>>;
  /** A scanned code as a location (the floor's resolveScanAction). */
  resolve: (code: string, expect: "product" | "location") => Promise<ActionResult<Scanned | null>>;
};

/** What the screen asks for besides a scan of an item. */
type Mode = { kind: "item" } | { kind: "arrive"; location: ScannedLocation | null } | { kind: "ship" } | { kind: "abnormal" };

type Message = { tone: "success" | "error"; title: string; text?: string };

const secondary =
  "flex min-h-14 w-full items-center justify-center gap-2 rounded-2xl border-2 border-zinc-300 bg-white px-3 text-lg font-semibold active:bg-zinc-100 disabled:opacity-50";

export function SerialFlow({ actions }: { actions: SerialActions }) {
  const t = useTranslations("floor");
  const online = useOnline();
  const camera = useCameraLabels();
  const [item, setItemState] = useState<FloorSerial | null>(null);
  const [mode, setModeState] = useState<Mode>({ kind: "item" });
  // Read by queued scans, which must see what the scan before them changed.
  const itemRef = useRef<FloorSerial | null>(null);
  const modeRef = useRef<Mode>({ kind: "item" });
  const setItem = (i: FloorSerial | null) => {
    itemRef.current = i;
    setItemState(i);
  };
  const setMode = (m: Mode) => {
    modeRef.current = m;
    setModeState(m);
  };
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const sending = useRef(false);

  const statusName = (s: FloorSerial["status"]) => t(`serial.status.${s}`);
  const fail = (text: string) => {
    setFieldError(text);
    signal("error");
  };

  /** Loads the item a code names; false when there is none (or no answer). */
  async function loadItem(code: string, quiet = false): Promise<boolean> {
    try {
      const r = await actions.load(code);
      if (!r.ok) {
        if (!quiet) fail(r.error.message);
        return false;
      }
      if (!r.data) {
        if (!quiet) fail(t("serial.notFound", { code }));
        return false;
      }
      setItem(r.data);
      setMode({ kind: "item" });
      setReason("");
      setMessage(null);
      setFieldError(null);
      signal("scan");
      return true;
    } catch {
      if (!quiet) fail(t("serial.needsConnection"));
      return false;
    }
  }

  /** While arriving: a scan is the location; an item's code instead loads that item. */
  async function takeLocation(code: string) {
    let found: Scanned | null = null;
    try {
      const r = await actions.resolve(code, "location");
      if (!r.ok) return fail(r.error.message);
      found = r.data;
    } catch {
      return fail(t("serial.needsConnection"));
    }
    if (found?.kind === "location") {
      if (!found.active) return fail(t("inactiveLocation", { code: found.code }));
      setFieldError(null);
      setMode({ kind: "arrive", location: found });
      signal("scan");
      return;
    }
    if (await loadItem(code, true)) return;
    fail(found?.kind === "product" ? t("serial.productNotLocation", { code }) : t("serial.notALocation", { code }));
  }

  const scanner = useScanner({
    onScan: async (code) => {
      setFieldError(null);
      if (modeRef.current.kind === "arrive" && itemRef.current) return takeLocation(code);
      await loadItem(code);
    },
  });
  const { text, setText, push, busy, scanRef } = scanner;

  // The scan field has the focus when the screen opens and whenever it asks for another scan.
  const scanning = mode.kind === "item" || mode.kind === "arrive";
  useEffect(() => {
    if (scanning) scanRef.current?.focus();
  }, [scanning, mode.kind, scanRef]);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    if (mode.kind === "abnormal") reasonRef.current?.focus();
  }, [mode.kind]);

  async function run(step: FloorSerialStep) {
    const current = itemRef.current;
    if (!current || sending.current) return;
    if (!navigator.onLine) {
      setMessage({ tone: "error", title: t("serial.notDone"), text: t("serial.needsConnection") });
      signal("error");
      return;
    }
    sending.current = true;
    setPending(true);
    setMessage(null);
    try {
      const r = await actions.step(current.id, step);
      if (!r.ok) {
        setMessage({ tone: "error", title: t("serial.notDone"), text: r.error.message });
        signal("error");
        return;
      }
      const now = r.data.item;
      setItem(now);
      setMode({ kind: "item" });
      setReason("");
      if (r.data.kind === "refused") {
        const checksDone = step.kind === "check" && (now.status === "planned" || now.status === "in_transit") && now.nextCheck === null;
        setMessage({ tone: "error", title: t("serial.notDone"), text: checksDone ? t("serial.checksDone") : t("serial.isNow", { status: statusName(now.status) }) });
        signal("error");
        return;
      }
      setMessage({ tone: "success", title: doneTitle(step, current, now) });
      signal("success");
    } catch {
      setMessage({ tone: "error", title: t("serial.notDone"), text: t("serial.noAnswer") });
      signal("error");
    } finally {
      sending.current = false;
      setPending(false);
    }
  }

  function doneTitle(step: FloorSerialStep, before: FloorSerial, now: FloorSerial): string {
    switch (step.kind) {
      case "check":
        return t("serial.checkDone", { n: before.nextCheck ?? 1 });
      case "arrive":
        return t("serial.arrivedAt", { location: now.location ?? step.location });
      case "ship":
        return t("serial.shipped");
      case "abnormal":
        return t("serial.reported");
      case "resolve":
        return t("serial.resolved", { status: statusName(now.status) });
    }
  }

  const arriving = mode.kind === "arrive" ? mode : null;
  const disabled = pending || !online;

  return (
    <div className="space-y-3">
      {!online ? (
        <p role="status" className="rounded-2xl bg-amber-100 px-4 py-3 text-base font-semibold text-amber-900 ring-2 ring-amber-500">
          {t("serial.needsConnection")}
        </p>
      ) : null}

      {scanning ? (
        <ScanField
          id={arriving ? "serial-location" : "serial-code"}
          label={arriving ? t("location") : t("serial.code")}
          hint={arriving ? (arriving.location ? t("serial.locationAgainHint") : t("serial.locationHint")) : t("serial.codeHint")}
          value={text}
          onChange={(v) => {
            setText(v);
            setFieldError(null);
          }}
          onSubmit={push}
          error={fieldError}
          inputRef={scanRef}
          busy={busy}
          camera={camera}
        />
      ) : null}
      <ScanQueueNote flow={{ scanner }} />

      {message ? (
        <ResultPanel tone={message.tone} title={message.title}>
          {message.text ? <p className="text-lg font-medium">{message.text}</p> : null}
        </ResultPanel>
      ) : null}

      {item ? <Card item={item} /> : <p className="rounded-2xl bg-white p-4 text-base text-zinc-600">{t("serial.empty")}</p>}

      {item ? renderSteps(item) : null}
    </div>
  );

  function renderSteps(i: FloorSerial) {
    if (i.deleted) return <p className="rounded-2xl bg-white p-4 text-base font-semibold text-zinc-700">{t("serial.deletedNote")}</p>;

    if (arriving) {
      return (
        <ConfirmBar>
          {arriving.location ? (
            <p className="mb-2 text-lg font-semibold">{t("serial.arriveAtQuestion", { location: arriving.location.code, name: arriving.location.name })}</p>
          ) : null}
          <button type="button" onClick={() => arriving.location && void run({ kind: "arrive", location: arriving.location.code })} disabled={disabled || !arriving.location} aria-busy={pending || undefined} className={confirmClasses}>
            <CheckIcon className="size-7" />
            {pending ? t("posting") : arriving.location ? t("serial.arriveAt", { location: arriving.location.code }) : t("serial.scanLocationFirst")}
          </button>
          <button type="button" onClick={() => setMode({ kind: "item" })} disabled={pending} className={cn(secondary, "mt-2")}>
            {t("serial.cancel")}
          </button>
        </ConfirmBar>
      );
    }

    if (mode.kind === "ship") {
      return (
        <ConfirmBar>
          <p className="mb-2 text-lg font-semibold">{t("serial.shipQuestion", { location: i.location ?? "" })}</p>
          <button type="button" onClick={() => void run({ kind: "ship" })} disabled={disabled} aria-busy={pending || undefined} className={confirmClasses}>
            <CheckIcon className="size-7" />
            {pending ? t("posting") : t("serial.confirmShip")}
          </button>
          <button type="button" onClick={() => setMode({ kind: "item" })} disabled={pending} className={cn(secondary, "mt-2")}>
            {t("serial.cancel")}
          </button>
        </ConfirmBar>
      );
    }

    if (mode.kind === "abnormal") {
      return (
        <div className="space-y-2 rounded-2xl border-2 border-red-600 bg-white p-3 shadow-sm">
          <label htmlFor="serial-reason" className="block text-lg font-bold">
            {t("serial.reason")}
          </label>
          <textarea
            ref={reasonRef}
            id="serial-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={3}
            aria-describedby="serial-reason-hint"
            className="w-full rounded-xl border-2 border-zinc-300 px-3 py-2 text-lg focus:border-red-600 focus:outline-none"
          />
          <p id="serial-reason-hint" className="text-base text-zinc-600">
            {t("serial.reasonHint")}
          </p>
          <button
            type="button"
            onClick={() => void run({ kind: "abnormal", reason: reason.trim() })}
            disabled={disabled || !reason.trim()}
            aria-busy={pending || undefined}
            className="flex h-16 w-full items-center justify-center gap-2 rounded-2xl bg-red-700 text-2xl font-bold text-white active:bg-red-900 disabled:bg-zinc-400"
          >
            <AlertTriangleIcon className="size-7" />
            {pending ? t("posting") : t("serial.report")}
          </button>
          <button type="button" onClick={() => setMode({ kind: "item" })} disabled={pending} className={secondary}>
            {t("serial.cancel")}
          </button>
        </div>
      );
    }

    // The next step as the big button, the alternatives under it.
    type Choice = { key: string; label: string; onClick: () => void };
    const choices: Choice[] = [];
    if (i.nextCheck) choices.push({ key: "check", label: t("serial.check", { n: i.nextCheck }), onClick: () => void run({ kind: "check" }) });
    if (i.allowed.includes("arrived")) choices.push({ key: "arrive", label: t("serial.arrive"), onClick: () => setMode({ kind: "arrive", location: null }) });
    if (i.allowed.includes("out_of_stock")) choices.push({ key: "ship", label: t("serial.ship"), onClick: () => setMode({ kind: "ship" }) });
    if (i.status === "abnormal" && i.abnormalFrom) {
      choices.push({ key: "resolve", label: t("serial.resolve", { status: statusName(i.abnormalFrom) }), onClick: () => void run({ kind: "resolve" }) });
    }
    const [main, ...rest] = choices;
    const abnormal = i.allowed.includes("abnormal");
    return (
      <div className="space-y-2" role="group" aria-label={t("serial.steps")}>
        {main ? (
          <>
            <p className="text-base font-semibold text-zinc-700">{t("serial.nextStep")}</p>
            <button type="button" onClick={main.onClick} disabled={disabled} aria-busy={pending || undefined} className={confirmClasses}>
              {pending ? t("posting") : main.label}
            </button>
          </>
        ) : (
          <p className="rounded-2xl bg-white p-4 text-base text-zinc-700">{t("serial.noNextStep", { status: statusName(i.status) })}</p>
        )}
        {rest.map((c) => (
          <button key={c.key} type="button" onClick={c.onClick} disabled={disabled} className={secondary}>
            {c.label}
          </button>
        ))}
        {abnormal ? (
          <button type="button" onClick={() => setMode({ kind: "abnormal" })} disabled={disabled} className={cn(secondary, "border-red-300 text-red-800")}>
            <AlertTriangleIcon className="size-5" />
            {t("serial.reportAbnormal")}
          </button>
        ) : null}
      </div>
    );
  }
}

function Card({ item }: { item: FloorSerial }) {
  const t = useTranslations("floor");
  const frozen = item.status === "abnormal";
  const checks = [item.checkedArrivalAt1, item.checkedArrivalAt2].filter(Boolean).length;
  const row = (label: string, value: React.ReactNode, mono = false) => (
    <div className="flex items-baseline justify-between gap-3 py-1.5">
      <dt className="shrink-0 text-base text-zinc-600">{label}</dt>
      <dd className={cn("min-w-0 text-right text-lg font-semibold break-all", mono && "font-mono")}>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="serial-card-heading" className="rounded-2xl bg-white px-4 py-3 shadow-sm">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="serial-card-heading" className="text-xl leading-tight font-bold">
            {item.product.name}
          </h2>
          <p className="font-mono text-base text-zinc-600">{item.product.sku}</p>
        </div>
        <span
          className={cn(
            "shrink-0 rounded-lg px-2 py-1 text-base font-bold",
            item.status === "arrived" && "bg-emerald-100 text-emerald-900",
            (item.status === "planned" || item.status === "in_transit") && "bg-sky-100 text-sky-900",
            item.status === "out_of_stock" && "bg-zinc-200 text-zinc-800",
            frozen && "bg-red-100 text-red-900",
          )}
        >
          {t(`serial.status.${item.status}`)}
        </span>
      </div>
      {frozen ? (
        <p className="mt-2 flex items-center gap-2 rounded-xl bg-red-700 px-3 py-2 text-lg font-bold text-white">
          <LockIcon className="size-5 shrink-0" />
          {t("serial.frozen")}
        </p>
      ) : null}
      <dl className="mt-2 divide-y divide-zinc-100">
        {row(t("serial.status.label"), frozen && item.abnormalFrom ? t("serial.abnormalFrom", { status: t(`serial.status.${item.abnormalFrom}`) }) : t(`serial.status.${item.status}`))}
        {frozen && item.abnormalReason ? row(t("serial.reason"), item.abnormalReason) : null}
        {row(t("serial.imei"), item.imei ?? "—", true)}
        {item.flag ? row(t("serial.flag"), item.flag) : null}
        {row(t("location"), item.location ?? "—", true)}
        {row(t("serial.checks"), t("serial.checksOf", { n: checks }))}
        {row(t("serial.identifier"), <span className="text-sm">{item.identifier}</span>, true)}
        {item.deleted ? row(t("serial.deleted"), t("serial.yes")) : null}
      </dl>
    </section>
  );
}
