"use client";
// A location code field whose suggestions (a datalist) come from the server as the user types: a
// list page of a warehouse with thousands of bins would otherwise carry every one of them, twice
// (HTML and the React payload) — 2,000 locations made the stock page 760 kB. Nothing is fetched until
// the field is used.
import { useEffect, useId, useState, type ComponentProps } from "react";
import { Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Option = { code: string; name: string };

export function LocationInput({
  search,
  onFocus,
  onChange,
  ...props
}: Omit<ComponentProps<"input">, "list"> & { search: (text: string) => Promise<ActionResult<Option[]>> }) {
  const listId = useId();
  const [text, setText] = useState<string | null>(null);
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    if (text === null) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await search(text).catch(() => null);
      if (!stale && r?.ok) setOptions(r.data);
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, search]);

  return (
    <>
      <Input
        {...props}
        list={listId}
        onFocus={(e) => {
          const value = e.currentTarget.value;
          setText((t) => t ?? value);
          onFocus?.(e);
        }}
        onChange={(e) => {
          setText(e.currentTarget.value);
          onChange?.(e);
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
