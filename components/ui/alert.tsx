import type { ReactNode } from "react";
import { cn } from "./cn";
import { AlertCircleIcon, CheckCircleIcon, InfoIcon } from "./icons";

type Tone = "error" | "success" | "info" | "warning";

const tones: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-accent-200 bg-accent-50 text-accent-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
};

/** A message box. Errors are announced (role="alert"); the rest are polite status messages. */
export function Alert({ tone = "info", title, children, className, id }: { tone?: Tone; title?: ReactNode; children?: ReactNode; className?: string; id?: string }) {
  const Icon = tone === "error" || tone === "warning" ? AlertCircleIcon : tone === "success" ? CheckCircleIcon : InfoIcon;
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", tones[tone], className)}>
      <Icon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="break-words">{children}</div> : null}
      </div>
    </div>
  );
}
