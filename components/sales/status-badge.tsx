import { Badge } from "@/components/ui/badge";
import type { SoStatus } from "@/lib/sales/states";

const TONE: Record<SoStatus | "open" | "done", "neutral" | "success" | "warning" | "danger" | "accent"> = {
  draft: "neutral",
  confirmed: "accent",
  picking: "warning",
  packed: "warning",
  shipped: "success",
  closed: "neutral",
  cancelled: "neutral",
  // pick lists
  open: "accent",
  done: "success",
};

/** A customer order's (or a pick list's) status; `label` is its translated name. */
export function SalesStatusBadge({ status, label }: { status: keyof typeof TONE; label: string }) {
  return (
    <Badge tone={TONE[status]} dot>
      {label}
    </Badge>
  );
}
