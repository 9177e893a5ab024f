// The one input for money and unit costs: a decimal keypad on phones, right-aligned tabular digits,
// and (optionally) the currency shown inside the field. Its bounds are the shared amountSchema's
// (lib/money.ts: 0 to MAX_AMOUNT, at most 4 decimals), which every form validates with before sending
// and the server validates again; `maxLength` only stops a runaway paste.
import type { ComponentProps } from "react";
import { cn } from "./cn";
import { Input } from "./field";

/** Enough characters for 1,000,000,000.0000 typed with separators, not for a runaway number. */
const MAX_CHARS = 24;

export function MoneyInput({ currency, className, ...props }: Omit<ComponentProps<"input">, "type"> & { currency?: string }) {
  const input = (
    <Input
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      placeholder="0.00"
      maxLength={MAX_CHARS}
      className={cn("text-right tabular", currency ? "pr-14" : null, className)}
      {...props}
    />
  );
  if (!currency) return input;
  return (
    <div className="relative">
      {input}
      <span aria-hidden className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 font-mono text-sm text-zinc-500">
        {currency}
      </span>
    </div>
  );
}
