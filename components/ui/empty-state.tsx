import type { ReactNode } from "react";

/** An empty list: icon, title, a hint, and the helpful next step (`action`: a button or link). */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      {icon ? <div className="mb-3 flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">{icon}</div> : null}
      <p className="text-sm font-medium text-zinc-900">{title}</p>
      {children ? <div className="mt-1 max-w-sm text-sm text-zinc-500">{children}</div> : null}
      {action ? <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
