"use client";
// A GET form for list filters: next/form navigates client-side and keeps the filters in the URL;
// changing a select or checkbox applies at once, text applies on Enter or the Apply button.
import Form from "next/form";
import type { ReactNode } from "react";

export function FilterForm({
  action,
  children,
  label,
  keep,
}: {
  action: string;
  children: ReactNode;
  label: string;
  /** Query params to carry along unchanged (e.g. the list's sort), as hidden fields. */
  keep?: Record<string, string | undefined>;
}) {
  return (
    <Form
      action={action}
      role="search"
      aria-label={label}
      onChange={(e) => {
        const el = e.target as HTMLElement;
        if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && el.type === "checkbox")) e.currentTarget.requestSubmit();
      }}
    >
      {Object.entries(keep ?? {}).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {children}
    </Form>
  );
}
