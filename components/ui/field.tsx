import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** Input, select and textarea share one look; 44 px tall on phones, 40 px from md up. */
export const controlClasses =
  "block w-full rounded-lg border border-zinc-300 bg-white px-3 text-base text-zinc-900 shadow-xs transition-colors " +
  "placeholder:text-zinc-400 hover:border-zinc-400 focus-visible:border-accent-600 focus-visible:outline-accent-600/30 focus-visible:outline-3 focus-visible:outline-offset-0 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 " +
  "aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/30 md:text-sm";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClasses, "h-11 read-only:bg-zinc-50 md:h-10", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        controlClasses,
        "h-11 appearance-none bg-[url('data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%2024%2024%22%20fill=%22none%22%20stroke=%22%2371717a%22%20stroke-width=%222%22%3E%3Cpath%20d=%22m6%209%206%206%206-6%22/%3E%3C/svg%3E')] bg-[length:1.1rem] bg-[right_0.6rem_center] bg-no-repeat pr-9 md:h-10",
        className,
      )}
      {...props}
    />
  );
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return <input type="checkbox" className={cn("size-5 shrink-0 rounded border-zinc-300 accent-accent-600 md:size-4", className)} {...props} />;
}

/** Ids for a field's hint and error, and the aria attributes its control needs. */
export function fieldIds(id: string, opts: { error?: string; hint?: ReactNode }) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [opts.error ? errorId : null, opts.hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return { errorId, hintId, control: { id, "aria-invalid": opts.error ? (true as const) : undefined, "aria-describedby": describedBy } };
}

export function Field({
  id,
  label,
  error,
  hint,
  optional,
  optionalLabel,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  optional?: boolean;
  optionalLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  const ids = fieldIds(id, { error, hint });
  return (
    <div className={cn("min-w-0 space-y-1.5", className)}>
      <label htmlFor={id} className="flex items-baseline gap-1.5 text-sm font-medium text-zinc-800">
        {label}
        {optional && optionalLabel ? <span className="text-xs font-normal text-zinc-400">{optionalLabel}</span> : null}
      </label>
      {children}
      {error ? (
        <p id={ids.errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={ids.hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
