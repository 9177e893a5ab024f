"use client";
// Building blocks of the handheld flows: one step per row, big type, 64 px controls. A step is
// either being scanned (an input that takes a wedge scanner's code + Enter), done (what was
// scanned, with Change), or still to come.
import type { ReactNode, RefObject } from "react";
import { cn } from "../ui/cn";
import { AlertCircleIcon, CheckCircleIcon, MinusIcon, PlusIcon } from "../ui/icons";
import { CameraScanButton } from "./camera-scan";

export type CameraLabels = { open: string; close: string; title: string; hint: string; failed: string };

function StepNumber({ n, state }: { n: number; state: "active" | "done" | "todo" }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-8 shrink-0 items-center justify-center rounded-full text-base font-bold",
        state === "active" && "bg-indigo-600 text-white",
        state === "done" && "bg-emerald-600 text-white",
        state === "todo" && "bg-zinc-200 text-zinc-500",
      )}
    >
      {state === "done" ? "✓" : n}
    </span>
  );
}

/** What is wrong with a field, in red under it (the input points at it with aria-describedby). */
function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="mt-2 flex items-start gap-2 text-lg font-semibold text-red-700">
      <AlertCircleIcon className="mt-1 size-5 shrink-0" />
      {message}
    </p>
  );
}

export function ScanField({
  id,
  n,
  label,
  hint,
  value,
  onChange,
  onSubmit,
  error,
  inputRef,
  busy,
  camera,
}: {
  id: string;
  /** The step's number; none for a single-field screen. */
  n?: number;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: (v: string) => void;
  error?: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  busy?: boolean;
  camera: CameraLabels;
}) {
  return (
    <div className="rounded-2xl border-2 border-indigo-600 bg-white p-3 shadow-sm">
      <div className="mb-2 flex items-center gap-2">
        {n ? <StepNumber n={n} state="active" /> : null}
        <label htmlFor={id} className="text-lg font-bold">
          {label}
        </label>
      </div>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (value.trim()) onSubmit(value.trim());
            }
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="next"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          aria-busy={busy || undefined}
          className="h-16 min-w-0 flex-1 rounded-xl border-2 border-zinc-300 bg-white px-4 font-mono text-2xl font-semibold text-zinc-950 placeholder:text-zinc-400 focus:border-indigo-600 focus:outline-none aria-invalid:border-red-600"
        />
        <CameraScanButton onScan={onSubmit} labels={camera} />
      </div>
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-2 text-base text-zinc-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function DoneField({ n, label, code, name, onChange, changeLabel }: { n: number; label: string; code: string; name?: string; onChange?: () => void; changeLabel: string }) {
  return (
    <div className="flex items-center gap-3 rounded-2xl bg-white p-3 shadow-sm">
      <StepNumber n={n} state="done" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-600">{label}</p>
        <p className="truncate font-mono text-2xl leading-tight font-bold">{code}</p>
        {name ? <p className="truncate text-base text-zinc-700">{name}</p> : null}
      </div>
      {onChange ? (
        <button type="button" onClick={onChange} className="h-12 shrink-0 rounded-xl border-2 border-zinc-300 px-4 text-base font-semibold active:bg-zinc-100">
          {changeLabel}
          <span className="sr-only">: {label}</span>
        </button>
      ) : null}
    </div>
  );
}

export function TodoField({ n, label }: { n: number; label: string }) {
  return (
    <div className="flex items-center gap-3 rounded-2xl border-2 border-dashed border-zinc-300 p-3 text-zinc-500">
      <StepNumber n={n} state="todo" />
      <p className="text-lg font-semibold">{label}</p>
    </div>
  );
}

/** What a flow's scan steps share: the one scan input's text, message, focus and camera labels. */
export type ScanInput = Pick<Parameters<typeof ScanField>[0], "value" | "onChange" | "error" | "inputRef" | "busy" | "camera">;

/** One scan step: the scan input while it is the current step, then what was scanned (with Change), else still to come. */
export function ScanStep({
  id,
  n,
  label,
  hint,
  current,
  scanned,
  onRedo,
  changeLabel,
  input,
}: {
  id: string;
  n: number;
  label: string;
  hint: string;
  current: boolean;
  scanned: { code: string; name?: string } | null;
  /** Change: back to this step. */
  onRedo: () => void;
  changeLabel: string;
  /** The flow's one scan input; `onSubmit` queues a code (a soft keyboard's Enter, the camera). */
  input: ScanInput & { onSubmit: (code: string) => void };
}) {
  if (current) return <ScanField id={id} n={n} label={label} hint={hint} {...input} />;
  if (scanned) return <DoneField n={n} label={label} code={scanned.code} name={scanned.name} onChange={onRedo} changeLabel={changeLabel} />;
  return <TodoField n={n} label={label} />;
}

export function QuantityField({
  id,
  n,
  label,
  value,
  unit,
  onChange,
  onStep,
  onSubmit,
  inputRef,
  active,
  error,
  hint,
  labels,
  min = 1,
}: {
  id: string;
  n: number;
  label: string;
  value: string;
  unit?: string;
  onChange: (v: string) => void;
  onStep: (delta: number) => void;
  onSubmit: (v: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  active: boolean;
  error?: string | null;
  hint?: ReactNode;
  labels: { less: string; more: string };
  min?: number;
}) {
  const n0 = Number(value);
  return (
    <div className={cn("rounded-2xl bg-white p-3 shadow-sm", active ? "border-2 border-indigo-600" : "border-2 border-transparent")}>
      <div className="mb-2 flex items-center gap-2">
        <StepNumber n={n} state={active ? "active" : "done"} />
        <label htmlFor={id} className="text-lg font-bold">
          {label}
        </label>
        {unit ? <span className="text-base font-medium text-zinc-500">({unit})</span> : null}
      </div>
      <div className="flex items-stretch gap-2">
        <button
          type="button"
          onClick={() => onStep(-1)}
          disabled={!Number.isFinite(n0) || n0 <= min}
          className="flex size-16 shrink-0 items-center justify-center rounded-xl border-2 border-zinc-300 bg-white active:bg-zinc-100 disabled:opacity-40"
        >
          <MinusIcon className="size-8" />
          <span className="sr-only">{labels.less}</span>
        </button>
        <input
          ref={inputRef}
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onFocus={(e) => e.currentTarget.select()}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onSubmit(value.trim());
            }
          }}
          inputMode="numeric"
          autoComplete="off"
          enterKeyHint="done"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-16 w-full min-w-0 flex-1 rounded-xl border-2 border-zinc-300 bg-white px-2 text-center text-4xl font-bold text-zinc-950 tabular focus:border-indigo-600 focus:outline-none aria-invalid:border-red-600"
        />
        <button
          type="button"
          onClick={() => onStep(1)}
          className="flex size-16 shrink-0 items-center justify-center rounded-xl border-2 border-zinc-300 bg-white active:bg-zinc-100"
        >
          <PlusIcon className="size-8" />
          <span className="sr-only">{labels.more}</span>
        </button>
      </div>
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : hint ? (
        <p className="mt-2 text-base text-zinc-600">{hint}</p>
      ) : null}
    </div>
  );
}

/** The outcome of a confirm: green with the new balance, or red with what went wrong. */
export function ResultPanel({ tone, title, children }: { tone: "success" | "error" | "queued"; title: string; children?: ReactNode }) {
  const Icon = tone === "error" ? AlertCircleIcon : CheckCircleIcon;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-2xl p-4 text-white shadow-md", tone === "success" ? "bg-emerald-700" : tone === "queued" ? "bg-sky-800" : "bg-red-700")}
    >
      <p className="flex items-center gap-2 text-xl font-bold">
        <Icon className="size-7 shrink-0" />
        {title}
      </p>
      {children ? <div className="mt-2">{children}</div> : null}
    </div>
  );
}

/** A big figure with its caption, e.g. "New balance at A-01-02" / 105. */
export function BigFigure({ caption, value, unit }: { caption: string; value: string; unit?: string }) {
  return (
    <div>
      <p className="text-lg font-medium text-white/90">{caption}</p>
      <p className="text-6xl leading-none font-black tracking-tight tabular">
        {value}
        {unit ? <span className="ml-2 text-2xl font-bold text-white/85">{unit}</span> : null}
      </p>
    </div>
  );
}

/** The Confirm button stays at the thumb's reach at the bottom of the screen. */
export function ConfirmBar({ children }: { children: ReactNode }) {
  return (
    <div className="sticky bottom-0 z-10 -mx-3 mt-4 border-t border-zinc-200 bg-zinc-100/95 px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur sm:-mx-4 sm:px-4">
      {children}
    </div>
  );
}

export const confirmClasses =
  "flex h-16 w-full items-center justify-center gap-2 rounded-2xl bg-indigo-600 text-2xl font-bold text-white shadow-md active:bg-indigo-800 disabled:bg-zinc-400 disabled:text-zinc-100 disabled:shadow-none focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
