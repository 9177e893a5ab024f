import { Badge } from "@/components/ui/badge";
import type { SerialStatus } from "@/lib/serials/states";

const TONE: Record<SerialStatus, "neutral" | "success" | "warning" | "danger" | "accent"> = {
  planned: "neutral",
  in_transit: "accent",
  arrived: "success",
  out_of_stock: "neutral",
  abnormal: "danger",
};

/** A serial item's status (`label` is its translated name). */
export function SerialStatusBadge({ status, label }: { status: SerialStatus; label: string }) {
  return (
    <Badge tone={TONE[status]} dot>
      {label}
    </Badge>
  );
}
