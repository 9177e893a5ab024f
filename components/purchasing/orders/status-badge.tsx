import { Badge } from "@/components/ui/badge";
import type { PoStatus } from "@/lib/purchasing/states";

const TONE: Record<PoStatus, "neutral" | "success" | "warning" | "danger" | "accent"> = {
  draft: "neutral",
  submitted: "accent",
  rejected: "danger",
  approved: "success",
  partially_received: "warning",
  received: "success",
  closed: "neutral",
  cancelled: "neutral",
};

/** A purchase order's status (`label` is its translated name). */
export function OrderStatusBadge({ status, label }: { status: PoStatus; label: string }) {
  return (
    <Badge tone={TONE[status]} dot>
      {label}
    </Badge>
  );
}
