// A document's timeline (purchase and customer orders): one entry per event, oldest first, on a
// vertical rule — what happened, then who, when and through which channel, then any detail.
import type { ReactNode } from "react";
import { formatDateTime } from "../format";

export type TimelineEntry = {
  key: string;
  title: ReactNode;
  who: string;
  when: string;
  /** The channel, already said ("via handheld"); omitted for the web. */
  via?: string;
  /** A reason, what was reserved, … under the line. */
  detail?: ReactNode;
};

export function Timeline({ label, entries }: { label: string; entries: TimelineEntry[] }) {
  return (
    <ol className="space-y-0 px-4 py-3 sm:px-5" aria-label={label}>
      {entries.map((e) => (
        <li key={e.key} className="relative border-l border-zinc-200 pb-4 pl-4 last:pb-0">
          <span aria-hidden className="absolute top-1.5 -left-[5px] size-2.5 rounded-full border-2 border-white bg-accent-500" />
          <p className="text-sm font-medium text-zinc-900">{e.title}</p>
          <p className="text-xs text-zinc-500">
            <span>{e.who}</span> · <span className="tabular">{formatDateTime(e.when)}</span>
            {e.via ? ` · ${e.via}` : ""}
          </p>
          {e.detail ? <div className="mt-1 text-sm text-zinc-700">{e.detail}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A label/value row of a facts card (`<dl>`): the label left, the value right. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-right text-zinc-900">{children}</dd>
    </div>
  );
}
