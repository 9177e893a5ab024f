import { Badge } from "@/components/ui/badge";

const TONE = { open: "accent", approved: "success", cancelled: "neutral" } as const;

export function CountStatusBadge({ status, label }: { status: keyof typeof TONE; label: string }) {
  return (
    <Badge tone={TONE[status]} dot>
      {label}
    </Badge>
  );
}
