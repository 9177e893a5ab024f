import type { ReactNode } from "react";

/** A titled group of fields: label column on wide screens, stacked on phones. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="grid grid-cols-1 gap-x-8 gap-y-4 border-b border-zinc-100 px-4 py-6 last:border-b-0 sm:px-6 md:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      <div className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 bg-zinc-50/60 px-4 py-4 sm:flex-row sm:justify-end sm:px-6">{children}</div>;
}
