"use client";
// Picking on the handheld (docs/floor.md "Picking"): choose an open pick list (tap it, or scan or
// type its number), then walk its lines in the list's order (walking order; re-reserved shortfalls
// come last), skipping picked ones. Each line: scan the location (checked on the device against the
// line at once, naming the right one), the product, the lot (lot-tracked) or the serial/IMEI
// (serial-tracked); the quantity is pre-filled with the line's quantity (scanning the product again
// does not add to it) and the focus goes to Confirm: one pick through pickLine, which checks every
// scan again under the list's lock. Typing a quantity keeps the focus in it until Enter. "Pick less" takes a smaller quantity (0 allowed) with a reason; the result
// says where the shortfall was re-reserved (new lines at the end) or that it is on backorder.
//
// Scans go through the floor's scanner queue (./scanner/use-scanner.ts) and are handled in order;
// a scan that arrives while a pick is being posted waits for its answer. The state lives in refs as
// well as in React state: a queued scan must see what the scan before it changed. Online only:
// every pick is checked under the list's lock, so nothing is queued offline.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FloorPickListSummary } from "@/app/floor/pick-actions";
import type { ActionResult } from "@/lib/action";
import type { PickInput, PickListDto, PickListLineDto, PickResult } from "@/lib/sales/schemas";
import { imeiDigits } from "@/lib/serials/imei";
import { cn } from "../ui/cn";
import { CheckIcon, MinusIcon } from "../ui/icons";
import { signal } from "./feedback";
import { ChoiceList, OfflineNote, useLoadedWhile, useOnline } from "./purchase-receive-flow";
import { resolveCode, ScanQueueNote, useCameraLabels, type Resolve } from "./scan-flow";
import { parseGs1 } from "./scanner/gs1";
import { useScanner } from "./scanner/use-scanner";
import { ConfirmBar, confirmClasses, QuantityField, ResultPanel, ScanField, ScanStep, TodoField } from "./steps";

export type PickActions = {
  open: () => Promise<ActionResult<FloorPickListSummary[]>>;
  load: (number: string) => Promise<ActionResult<PickListDto | null>>;
  pick: (number: string, seq: number, input: PickInput) => Promise<ActionResult<PickResult>>;
  resolve: Resolve;
};

type Line = PickListLineDto;
type Reason = "notFound" | "damaged" | "other";
const REASONS: Reason[] = ["notFound", "damaged", "other"];

/** What has been scanned and set for the line being picked. */
type Walk = {
  seq: number | null;
  location: string | null;
  product: { sku: string; name: string } | null;
  lot: string | null;
  serial: string | null;
  qty: string;
  /** "Pick less": the quantity shows before the scans are done. */
  qtyOpen: boolean;
  /** The quantity is being changed (typed, Pick less): it keeps the focus until Enter. */
  editing: boolean;
  /** Enter in the quantity: counted, so the focus moves on even when where it goes is unchanged. */
  tick: number;
  reason: Reason | null;
  other: string;
  /** What is wrong, and where it is shown: at the scan step, the quantity, or the reason. */
  fieldError: { at: ErrorAt; text: string } | null;
  /** A remark under the quantity that is not an error (the product scanned again). */
  note: string | null;
};

type Message = { tone: "success" | "error"; title: string; lines: string[] };
type ScanStepName = "location" | "product" | "lot" | "serial";
type ErrorAt = "scan" | "quantity" | "reason";

const freshWalk = (line?: Line): Walk => ({
  seq: line?.seq ?? null,
  location: null,
  product: null,
  lot: null,
  serial: null,
  qty: line ? String(line.quantity) : "",
  qtyOpen: false,
  editing: false,
  tick: 0,
  reason: null,
  other: "",
  fieldError: null,
  note: null,
});

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();
/** The line being picked: the first not picked, in the list's order. */
const currentLine = (list: PickListDto | null): Line | undefined => list?.lines.find((l) => l.pickedQuantity === null);
const qtyOf = (w: Walk) => (/^\d+$/.test(w.qty) ? Number(w.qty) : NaN);
/** Whether a scan is this serial item: its identifier (any case, hyphens or not) or its IMEI. */
function isSerial(code: string, line: Line): boolean {
  const hex = (s: string) => s.trim().toLowerCase().replace(/-/g, "");
  if (line.serial && hex(code) === hex(line.serial)) return true;
  return !!line.imei && imeiDigits(code) === line.imei;
}

/** The scan the line still needs, or null (a pick of 0 needs only the location). */
function scanStepOf(line: Line, w: Walk): ScanStepName | null {
  if (!w.location) return "location";
  if (qtyOf(w) === 0) return null;
  if (!w.product) return "product";
  if (line.lot && !w.lot) return "lot";
  if (line.serial && !w.serial) return "serial";
  return null;
}

export function PickFlow({ actions, initialList }: { actions: PickActions; initialList?: string }) {
  const t = useTranslations("floor");
  const format = useFormatter();
  const online = useOnline();
  const camera = useCameraLabels();
  // Read by queued scans, which must see what the scan before them changed.
  const [list, setListState] = useState<PickListDto | null>(null);
  const [walk, setWalk] = useState<Walk>(freshWalk);
  const listRef = useRef<PickListDto | null>(null);
  const walkRef = useRef<Walk>(walk);
  const setList = (l: PickListDto | null) => {
    listRef.current = l;
    setListState(l);
  };
  const setWalkState = (w: Walk) => {
    walkRef.current = w;
    setWalk(w);
  };
  const patch = (p: Partial<Walk>) => setWalkState({ ...walkRef.current, ...p });
  const [message, setMessage] = useState<Message | null>(null);
  const [chooserError, setChooserError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The pick being posted: scans wait for it. */
  const inFlight = useRef<Promise<void> | null>(null);
  const confirmRef = useRef<HTMLButtonElement | null>(null);
  const reasonRef = useRef<HTMLInputElement | null>(null);
  const otherRef = useRef<HTMLInputElement | null>(null);

  const fail = (text: string, at: ErrorAt = "scan") => {
    if (currentLine(listRef.current)) patch({ fieldError: { at, text }, note: null });
    else setChooserError(text);
    signal("error");
  };
  const accept = (p: Partial<Walk>) => {
    signal("scan");
    setMessage(null);
    patch({ ...p, fieldError: null, note: null });
  };

  /** Shows `l` and starts at its first open line. */
  const show = (l: PickListDto) => {
    setList(l);
    setWalkState(freshWalk(currentLine(l)));
  };

  async function openList(code: string) {
    const number = code.trim();
    try {
      const r = await actions.load(number);
      if (!r.ok) return fail(r.error.message);
      if (!r.data) return fail(t("picking.notFound", { number }));
      if (r.data.status === "cancelled") return fail(t("picking.cancelled", { number: r.data.number }));
      setChooserError(null);
      setMessage(null);
      show(r.data);
      signal("scan");
    } catch {
      fail(t("picking.needsConnection"));
    }
  }

  /** Resolves a code (the device's catalogue first); `undefined` after reporting a failure. */
  async function lookup(code: string, prefer: "product" | "location") {
    const r = await resolveCode(code, prefer, actions.resolve, t("picking.needsConnection"));
    if ("error" in r) return void fail(r.error);
    return r.found;
  }

  async function onLocation(code: string, line: Line) {
    if (same(code, line.location)) return accept({ location: line.location });
    const found = await lookup(code, "location");
    if (found === undefined) return;
    if (found?.kind === "location" && found.location.code === line.location) return accept({ location: line.location });
    if (found?.kind === "product") return fail(t("picking.productNotLocation", { code: found.product.sku, expected: line.location }));
    fail(t("picking.wrongLocation", { expected: line.location, scanned: found?.kind === "location" ? found.location.code : code }));
  }

  async function onProduct(code: string, line: Line) {
    const product = { sku: line.sku, name: line.name };
    if (same(code, line.sku)) return accept({ product });
    const found = await lookup(code, "product");
    if (found === undefined) return;
    if (found?.kind === "product" && found.product.sku === line.sku) {
      // A GS1 label says the lot too.
      const lot = found.gs1?.lot;
      if (line.lot && lot) {
        if (!same(lot, line.lot)) {
          patch({ product });
          return fail(t("picking.wrongLot", { expected: line.lot, scanned: lot }));
        }
        return accept({ product, lot: line.lot });
      }
      return accept({ product });
    }
    if (found?.kind === "location") return fail(t("picking.locationNotProduct", { code: found.location.code, expected: line.sku }));
    fail(t("picking.wrongProduct", { expected: line.sku, scanned: found?.kind === "product" ? found.product.sku : code }));
  }

  function onLot(code: string, line: Line) {
    const gs1 = parseGs1(code);
    const lot = gs1 ? gs1.lot : code;
    if (!lot || same(code, line.sku)) return fail(t("picking.scanLot", { lot: line.lot ?? "" }));
    if (!same(lot, line.lot)) return fail(t("picking.wrongLot", { expected: line.lot ?? "", scanned: lot }));
    accept({ lot: line.lot });
  }

  function onSerial(code: string, line: Line) {
    if (!isSerial(code, line)) return fail(t("picking.wrongSerial", { expected: line.imei ?? line.serial ?? "", scanned: code }));
    accept({ serial: code.trim() });
  }

  /** A scan once the line has all it needs: the product again changes nothing. */
  async function onExtra(code: string, line: Line) {
    const w = walkRef.current;
    let isProduct = same(code, line.sku);
    if (!isProduct && !same(code, line.location)) {
      const found = await lookup(code, "product");
      if (found === undefined) return;
      isProduct = found?.kind === "product" && found.product.sku === line.sku;
      if (!isProduct && !(found?.kind === "location" && found.location.code === line.location)) return fail(t("picking.confirmFirst", { seq: line.seq }));
    }
    signal("scan");
    patch({ fieldError: null, note: isProduct ? t("picking.quantityStays", { n: Number.isNaN(qtyOf(w)) ? line.quantity : qtyOf(w) }) : t("picking.alreadyScanned", { code: line.location }) });
  }

  const scanner = useScanner({
    onScan: async (code) => {
      // A scan right behind Confirm belongs to what comes after the pick.
      if (inFlight.current) await inFlight.current;
      const l = listRef.current;
      const line = currentLine(l);
      if (!l || !line) return openList(code);
      switch (scanStepOf(line, walkRef.current)) {
        case "location":
          return onLocation(code, line);
        case "product":
          return onProduct(code, line);
        case "lot":
          return onLot(code, line);
        case "serial":
          return onSerial(code, line);
        default:
          return onExtra(code, line);
      }
    },
    // A burst typed into the quantity was a scan: the quantity goes back.
    quantity: { get: () => walkRef.current.qty, set: (v) => patch({ qty: v }) },
  });
  const { push } = scanner;

  // /floor/pick?list=…: opened as if scanned, so scans that follow queue behind it.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initialList) return;
    started.current = true;
    push(initialList);
  }, [initialList, push]);

  // The open pick lists, while none is open (again when the connection comes back).
  const openLists = useLoadedWhile(list === null, actions.open, t("picking.needsConnection"));

  const line = currentLine(list);
  const step = line ? scanStepOf(line, walk) : null;
  const qty = qtyOf(walk);
  const qtyValid = line !== undefined && Number.isInteger(qty) && qty >= 0 && qty <= line.quantity;
  const short = line !== undefined && qtyValid && qty < line.quantity;
  const reasonText = walk.reason === "other" ? walk.other.trim() : walk.reason ? t(`picking.reasons.${walk.reason}`) : "";
  const showQty = line !== undefined && (walk.qtyOpen || (walk.location !== null && step === null));
  const ready = Boolean(line && walk.location && step === null && qtyValid && (!short || reasonText));

  // The focus follows what the line needs next (a scanner's keys are caught wherever it is).
  type Focus = "scan" | "quantity" | "reason" | "other" | "confirm" | "none";
  const focus: Focus = !list
    ? "scan"
    : !line
      ? "none"
      : walk.editing
        ? "quantity"
        : step
          ? "scan"
          : short && !walk.reason
              ? "reason"
              : short && walk.reason === "other" && !walk.other.trim()
                ? "other"
                : "confirm";
  const focusKey = `${list?.number ?? ""}:${walk.seq ?? ""}:${step ?? ""}:${walk.tick}`;
  const { scanRef, quantityRef } = scanner;
  useEffect(() => {
    const el = { scan: scanRef.current, quantity: quantityRef.current, reason: reasonRef.current, other: otherRef.current, confirm: confirmRef.current, none: null }[focus];
    el?.focus();
    // focusKey: the same kind of focus for another step or line moves it too.
  }, [focus, focusKey, scanRef, quantityRef]);

  const setQty = (v: string) => patch({ qty: v.replace(/\s/g, ""), editing: true, fieldError: null, note: null });
  const stepQty = (delta: number) => {
    const w = walkRef.current;
    const l = currentLine(listRef.current);
    if (!l) return;
    const n = Math.max(0, (Number.isNaN(qtyOf(w)) ? l.quantity : qtyOf(w)) + delta);
    if (n > l.quantity) return fail(t("picking.atMost", { n: l.quantity }), "quantity");
    patch({ qty: String(n), fieldError: null, note: null });
  };
  const onQtyEnter = (v: string) => {
    const l = currentLine(listRef.current);
    if (!l) return;
    if (!/^\d+$/.test(v)) return fail(t("picking.quantityRange", { max: l.quantity }), "quantity");
    if (Number(v) > l.quantity) return fail(t("picking.atMost", { n: l.quantity }), "quantity");
    patch({ editing: false, tick: walkRef.current.tick + 1, fieldError: null });
  };
  const pickLess = () => {
    const l = currentLine(listRef.current);
    if (!l) return;
    const n = Number.isNaN(qtyOf(walkRef.current)) ? l.quantity : qtyOf(walkRef.current);
    setMessage(null);
    patch({ qty: String(Math.max(0, Math.min(n, l.quantity) - 1)), qtyOpen: true, editing: true, fieldError: null, note: null });
  };

  /** Reloads the list after a refused pick; the line's scans stay unless it is no longer open. */
  async function reload(number: string, seq: number): Promise<PickListDto | null> {
    try {
      const r = await actions.load(number);
      if (!r.ok || !r.data) return null;
      const fresh = r.data;
      setList(fresh);
      const now = currentLine(fresh);
      if (now?.seq !== seq) setWalkState(freshWalk(now));
      return fresh;
    } catch {
      return null;
    }
  }

  function resultMessage(before: PickListDto, l: Line, picked: number, r: PickResult): Message {
    if (!r.shortfall) return { tone: "success", title: t("picking.picked", { quantity: picked, sku: l.sku, location: l.location }), lines: [] };
    const lastSeq = Math.max(0, ...before.lines.map((x) => x.seq));
    const added = r.pickList.lines.filter((x) => x.seq > lastSeq).map((x) => x.seq);
    const lines = r.shortfall.rereserved.map((a) => (a.lot ? t("picking.rereservedLot", { quantity: a.quantity, location: a.location, lot: a.lot }) : t("picking.rereserved", { quantity: a.quantity, location: a.location })));
    if (added.length) lines.push(t("picking.addedLines", { n: added.length, first: added[0], last: added[added.length - 1] }));
    if (r.shortfall.backordered > 0) lines.push(t("picking.backordered", { n: r.shortfall.backordered }));
    return { tone: "success", title: t("picking.pickedShort", { picked, quantity: l.quantity, sku: l.sku }), lines };
  }

  async function confirm() {
    const l = listRef.current;
    const ln = currentLine(l);
    const w = walkRef.current;
    if (!l || !ln || !ready || inFlight.current) return;
    if (!navigator.onLine) {
      setMessage({ tone: "error", title: t("picking.notPicked"), lines: [t("picking.needsConnection")] });
      signal("error");
      return;
    }
    const quantity = qtyOf(w);
    const input: PickInput = {
      location: w.location ?? "",
      // A pick of 0 ("not found") has no product to scan: the line's own SKU.
      sku: w.product?.sku ?? ln.sku,
      quantity,
      ...(w.lot ? { lot: w.lot } : {}),
      ...(w.serial ? { serial: w.serial } : {}),
      ...(quantity < ln.quantity ? { reason: reasonText } : {}),
    };
    const run = (async () => {
      setPending(true);
      setMessage(null);
      try {
        let r: ActionResult<PickResult>;
        try {
          r = await actions.pick(l.number, ln.seq, input);
        } catch {
          // No answer: the line may or may not have been picked; the list says which.
          const fresh = await reload(l.number, ln.seq);
          const now = fresh?.lines.find((x) => x.seq === ln.seq);
          setMessage({ tone: "error", title: t("picking.notPicked"), lines: [now && now.pickedQuantity !== null ? t("picking.answerLost", { seq: ln.seq }) : t("picking.noAnswer")] });
          signal("error");
          return;
        }
        if (r.ok) {
          setMessage(resultMessage(l, ln, quantity, r.data));
          signal("success");
          show(r.data.pickList);
          return;
        }
        refused(l, ln, w, r.error);
        await reload(l.number, ln.seq).then((fresh) => {
          const now = fresh?.lines.find((x) => x.seq === ln.seq);
          if (now && now.pickedQuantity !== null) {
            setMessage({
              tone: "error",
              title: t("picking.notPicked"),
              lines: [t("picking.alreadyPicked", { seq: ln.seq, by: now.pickedBy ?? "—", picked: now.pickedQuantity, quantity: now.quantity })],
            });
          }
        });
      } finally {
        setPending(false);
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
  }

  /** A refusal: the scan it names is asked for again (the others stay); anything else is shown as said. */
  function refused(l: PickListDto, ln: Line, w: Walk, error: { code: string; message: string; issues?: { path: string; message: string }[] }) {
    signal("error");
    const path = error.issues?.[0]?.path;
    const title = t("picking.notPicked");
    switch (path) {
      case "location":
        patch({ location: null, fieldError: { at: "scan", text: t("picking.wrongLocation", { expected: ln.location, scanned: w.location ?? "" }) } });
        break;
      case "sku":
        patch({ product: null, lot: null, serial: null, fieldError: { at: "scan", text: t("picking.wrongProduct", { expected: ln.sku, scanned: w.product?.sku ?? "" }) } });
        break;
      case "lot":
        patch({ lot: null, fieldError: { at: "scan", text: t("picking.wrongLot", { expected: ln.lot ?? "", scanned: w.lot ?? "" }) } });
        break;
      case "serial":
        patch({ serial: null, fieldError: { at: "scan", text: t("picking.wrongSerial", { expected: ln.imei ?? ln.serial ?? "", scanned: w.serial ?? "" }) } });
        break;
      case "quantity":
        patch({ editing: true, fieldError: { at: "quantity", text: t("picking.atMost", { n: ln.quantity }) } });
        break;
      case "reason":
        patch({ reason: null, fieldError: { at: "reason", text: t("picking.reasonRequired") } });
        break;
      default:
        setMessage({ tone: "error", title, lines: [error.message] });
        return;
    }
    setMessage({ tone: "error", title, lines: [t("picking.scanAgain")] });
  }

  const anotherList = () => {
    setList(null);
    setWalkState(freshWalk());
    setMessage(null);
    setChooserError(null);
  };

  const scanInput = {
    value: scanner.text,
    onChange: (v: string) => {
      scanner.setText(v);
      if (walkRef.current.fieldError) patch({ fieldError: null });
      setChooserError(null);
    },
    onSubmit: push,
    inputRef: scanner.scanRef,
    busy: scanner.busy,
    camera,
  };

  if (!list) return renderChooser();

  const total = list.lines.length;
  const shortLines = list.lines.filter((l) => l.pickedQuantity !== null && l.pickedQuantity < l.quantity).length;
  const left = list.lines.filter((l) => l.pickedQuantity === null).length;
  const offline = !online ? <OfflineNote text={t("picking.needsConnection")} /> : null;

  return (
    <div className="space-y-3">
      <section aria-label={t("picking.listLabel", { number: list.number })} className="rounded-2xl bg-teal-900 px-4 py-3 text-white">
        <div className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <p className="font-mono text-lg font-bold break-all">{list.number}</p>
            <p className="truncate text-sm text-white/90">{t("picking.ordersOf", { orders: list.orders.join(", ") })}</p>
            <p className="mt-1 text-sm font-semibold text-white/85">{t("picking.leftOf", { left, total })}</p>
          </div>
          <button type="button" onClick={anotherList} className="h-12 shrink-0 rounded-xl border-2 border-white/40 px-3 text-base font-semibold active:bg-white/15">
            {t("picking.anotherList")}
          </button>
        </div>
      </section>

      {offline}

      {message ? (
        <ResultPanel tone={message.tone} title={message.title}>
          {message.lines.map((s) => (
            <p key={s} className="text-lg font-medium">
              {s}
            </p>
          ))}
        </ResultPanel>
      ) : null}

      {line ? renderLine(line) : renderDone()}

      <ScanQueueNote flow={{ scanner }} />

      <h2 id="pick-lines-heading" className="pt-3 text-lg font-bold">
        {t("picking.linesOf", { number: list.number })}
      </h2>
      <ul aria-labelledby="pick-lines-heading" className="divide-y divide-zinc-200 overflow-hidden rounded-2xl bg-white shadow-sm">
        {list.lines.map((l) => {
          const current = l.seq === line?.seq;
          const done = l.pickedQuantity !== null;
          const wasShort = done && l.pickedQuantity! < l.quantity;
          return (
            <li key={l.seq} aria-current={current ? "step" : undefined} className={cn("flex items-center gap-3 px-4 py-2", current && "bg-indigo-50", done && "text-zinc-500")}>
              <span className="w-7 shrink-0 text-right text-base font-bold tabular text-zinc-500">{l.seq}</span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-base font-bold">
                  {l.location} · {l.sku}
                </p>
                <p className="truncate text-sm text-zinc-600">
                  {l.name}
                  {l.lot ? ` · ${t("picking.lotN", { lot: l.lot })}` : ""}
                  {l.serial ? ` · ${l.imei ?? l.serial}` : ""}
                </p>
                {wasShort && l.shortReason ? <p className="truncate text-sm text-amber-800">{l.shortReason}</p> : null}
              </div>
              <p className={cn("shrink-0 text-right text-base font-semibold", wasShort && "text-amber-800")}>
                {!done ? (
                  t("picking.toPick", { n: format.number(l.quantity) })
                ) : wasShort ? (
                  t("picking.shortOf", { picked: format.number(l.pickedQuantity!), quantity: format.number(l.quantity) })
                ) : (
                  <span className="flex items-center gap-1">
                    <CheckIcon className="size-5" />
                    {t("picking.pickedN", { n: format.number(l.pickedQuantity!) })}
                  </span>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );

  function renderLine(ln: Line) {
    const n = { location: 1, product: 2, extra: 3, qty: ln.lot || ln.serial ? 4 : 3 };
    const err = walk.fieldError;
    const scanError = err?.at === "scan" && step !== null ? err.text : null;
    const input = (which: ScanStepName) => ({
      id: `pick-${which}`,
      current: step === which,
      onRedo: () => patch({ [which]: null, ...(which === "product" ? { lot: null, serial: null } : {}), fieldError: null, note: null } as Partial<Walk>),
      changeLabel: t("change"),
      input: { ...scanInput, error: scanError },
    });
    // A pick of 0 needs no product, lot or serial: those steps go (unless already scanned).
    const nothing = walk.location !== null && qty === 0;
    return (
      <>
        <section aria-labelledby="pick-line-heading" className="rounded-2xl border-2 border-zinc-900 bg-white px-4 py-3 shadow-sm">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="pick-line-heading" className="text-lg font-bold">
              {t("picking.lineOf", { seq: ln.seq, total })}
            </h2>
            <span className="font-mono text-sm text-zinc-600">{ln.order}</span>
          </div>
          <p className="text-sm font-medium text-zinc-600">{t("location")}</p>
          <p className="font-mono text-4xl leading-tight font-black tracking-tight break-all">{ln.location}</p>
          <p className="mt-2 font-mono text-2xl font-bold break-all">{ln.sku}</p>
          <p className="text-lg leading-snug text-zinc-800">{ln.name}</p>
          {ln.lot ? <p className="mt-1 text-xl font-bold">{t("picking.lotN", { lot: ln.lot })}</p> : null}
          {ln.serial ? (
            <p className="mt-1 text-xl font-bold break-all">
              {ln.imei ? t("picking.imeiN", { imei: ln.imei }) : t("picking.serialN", { serial: ln.serial })}
            </p>
          ) : null}
          <p className="mt-2 flex items-baseline gap-2">
            <span className="text-lg font-semibold text-zinc-700">{t("picking.take")}</span>
            <span className="text-5xl leading-none font-black tabular">{format.number(ln.quantity)}</span>
          </p>
        </section>

        <ScanStep {...input("location")} n={n.location} label={t("location")} hint={t("picking.locationHint", { location: ln.location })} scanned={walk.location ? { code: walk.location } : null} />
        {nothing && !walk.product ? null : (
          <ScanStep {...input("product")} n={n.product} label={t("product")} hint={t("picking.productHint", { sku: ln.sku })} scanned={walk.product ? { code: walk.product.sku, name: walk.product.name } : null} />
        )}
        {ln.lot && !(nothing && !walk.lot) ? (
          <ScanStep {...input("lot")} n={n.extra} label={t("lot")} hint={t("picking.lotHint", { lot: ln.lot })} scanned={walk.lot ? { code: walk.lot } : null} />
        ) : null}
        {ln.serial && !(nothing && !walk.serial) ? (
          <ScanStep {...input("serial")} n={n.extra} label={t("picking.serial")} hint={t("picking.serialHint", { serial: ln.imei ?? ln.serial })} scanned={walk.serial ? { code: walk.serial } : null} />
        ) : null}

        {showQty ? (
          <QuantityField
            id="pick-quantity"
            n={n.qty}
            label={t("quantity")}
            value={walk.qty}
            min={0}
            onChange={setQty}
            onStep={stepQty}
            onSubmit={onQtyEnter}
            inputRef={scanner.quantityRef}
            active={walk.editing}
            error={err?.at === "quantity" ? err.text : null}
            hint={walk.note ?? (short ? t("picking.shortHint", { n: ln.quantity }) : t("picking.quantityHint", { n: ln.quantity }))}
            labels={{ less: t("less"), more: t("more") }}
          />
        ) : (
          <TodoField n={n.qty} label={t("quantity")} />
        )}

        {short ? renderReason() : null}

        <ConfirmBar>
          {err && (err.at === "reason" || (err.at === "scan" && step === null)) ? (
            <p role="alert" className="mb-2 text-lg font-semibold text-red-700">
              {err.text}
            </p>
          ) : null}
          <button ref={confirmRef} type="button" onClick={() => void confirm()} disabled={!ready || pending || !online} aria-busy={pending || undefined} className={confirmClasses}>
            <CheckIcon className="size-7" />
            {pending ? t("posting") : short ? t("picking.confirmShort", { picked: qty, quantity: ln.quantity }) : t("confirm")}
          </button>
          <button
            type="button"
            onClick={pickLess}
            disabled={!walk.location || pending || !online || qty === 0}
            className="mt-2 flex min-h-12 w-full items-center justify-center gap-2 rounded-2xl border-2 border-zinc-300 bg-white px-3 text-lg font-semibold active:bg-zinc-100 disabled:opacity-50"
          >
            <MinusIcon className="size-5" />
            {t("picking.pickLess")}
          </button>
        </ConfirmBar>
      </>
    );
  }

  function renderReason() {
    return (
      <fieldset className="rounded-2xl border-2 border-amber-500 bg-white p-3 shadow-sm">
        <legend className="px-1 text-lg font-bold">{t("picking.why")}</legend>
        <div className="grid grid-cols-1 gap-2">
          {REASONS.map((r, i) => (
            <label key={r} className={cn("flex min-h-12 items-center gap-3 rounded-xl border-2 px-3 text-lg font-semibold", walk.reason === r ? "border-amber-600 bg-amber-50" : "border-zinc-200")}>
              <input
                ref={i === 0 ? reasonRef : undefined}
                type="radio"
                name="pick-reason"
                value={r}
                checked={walk.reason === r}
                onChange={() => patch({ reason: r, fieldError: null })}
                className="size-6 accent-amber-600"
              />
              {t(`picking.reasons.${r}`)}
            </label>
          ))}
        </div>
        {walk.reason === "other" ? (
          <div className="mt-3">
            <label htmlFor="pick-other" className="mb-1 block text-base font-semibold">
              {t("picking.otherReason")}
            </label>
            <input
              ref={otherRef}
              id="pick-other"
              value={walk.other}
              onChange={(e) => patch({ other: e.target.value, fieldError: null })}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void confirm();
                }
              }}
              maxLength={500}
              autoComplete="off"
              className="h-14 w-full rounded-xl border-2 border-zinc-300 px-3 text-xl focus:border-amber-600 focus:outline-none"
            />
          </div>
        ) : null}
      </fieldset>
    );
  }

  function renderDone() {
    const l = list!;
    if (l.status === "cancelled") return <p className="rounded-2xl bg-white p-4 text-base font-semibold">{t("picking.cancelled", { number: l.number })}</p>;
    return (
      <>
        {chooserError ? (
          <p role="alert" className="text-lg font-semibold text-red-700">
            {chooserError}
          </p>
        ) : null}
        <ResultPanel tone="success" title={t("picking.done", { lines: total, short: shortLines })}>
        <Link
          href="/floor/pick"
          onClick={anotherList}
          className="mt-1 flex h-12 items-center justify-center rounded-xl border-2 border-white/60 text-lg font-semibold text-white active:bg-white/15"
        >
          {t("picking.backToLists")}
        </Link>
        </ResultPanel>
      </>
    );
  }

  function renderChooser() {
    return (
      <div className="space-y-3">
        {!online ? <OfflineNote text={t("picking.needsConnection")} /> : null}
        <ScanField id="pick-list" label={t("picking.list")} hint={t("picking.listHint")} {...scanInput} error={chooserError} />
        <ScanQueueNote flow={{ scanner }} />
        <ChoiceList
          id="open-lists-heading"
          heading={t("picking.openLists")}
          loaded={openLists}
          empty={t("picking.noOpenLists")}
          keyOf={(p) => p.number}
          onChoose={(p) => push(p.number)}
          disabled={!online}
        >
          {(p) => (
            <>
              <span className="block font-mono text-lg font-bold break-all">{p.number}</span>
              <span className="block truncate text-base text-zinc-700">{t("picking.ordersOf", { orders: p.orders.join(", ") })}</span>
              <span className="mt-0.5 block text-sm font-semibold text-zinc-700">{t("picking.linesLeft", { left: p.left, total: p.lines })}</span>
            </>
          )}
        </ChoiceList>
      </div>
    );
  }
}
