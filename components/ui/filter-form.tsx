"use client";
// A GET form for list filters: next/form navigates client-side and keeps the filters in the URL;
// changing a select or checkbox applies at once, text applies on Enter or the Apply button.
import Form from "next/form";
import type { ReactNode } from "react";

export function FilterForm({ action, children, label }: { action: string; children: ReactNode; label: string }) {
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
      {children}
    </Form>
  );
}
