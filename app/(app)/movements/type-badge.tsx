import { Badge } from "@/components/ui/badge";
import type { MovementType } from "@/lib/stock/schemas";

const TONE = { in: "success", out: "accent", transfer: "neutral", adjust: "warning", write_off: "danger" } as const;

export function MovementTypeBadge({ type, label }: { type: MovementType; label: string }) {
  return <Badge tone={TONE[type]}>{label}</Badge>;
}
