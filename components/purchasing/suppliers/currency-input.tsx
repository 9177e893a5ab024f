"use client";
// A three-letter currency code field with the usual codes suggested (any ISO 4217 code is accepted).
import { useId, type ComponentProps } from "react";
import { Input } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

const COMMON = ["CNY", "USD", "EUR", "JPY", "HKD", "GBP", "KRW", "TWD", "SGD", "AUD", "CAD", "CHF"];

export function CurrencyInput({ className, ...props }: Omit<ComponentProps<"input">, "list">) {
  const listId = useId();
  return (
    <>
      <Input
        {...props}
        list={listId}
        maxLength={3}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        className={cn("font-mono uppercase", className)}
      />
      <datalist id={listId}>
        {COMMON.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}
