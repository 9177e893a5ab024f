"use client";
// The Receive screen: a plain receipt (./movement-flow.tsx, works offline) or, for roles that may
// receive purchase orders, a receipt against one (./purchase-receive-flow.tsx, online only). One
// flow is mounted at a time, so one scanner listens.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/action";
import type { StockAt } from "@/lib/stock/scan-lookup";
import { cn } from "../ui/cn";
import { MovementFlow } from "./movement-flow";
import { PurchaseReceiveFlow, type OrderActions } from "./purchase-receive-flow";
import type { Resolve } from "./scan-flow";

type Kind = "plain" | "order";

export function ReceiveScreen({
  resolve,
  stockAt,
  orders,
  initialOrder,
}: {
  resolve: Resolve;
  stockAt: (sku: string, location: string) => Promise<ActionResult<StockAt>>;
  /** Receiving against purchase orders, when this user may. */
  orders?: OrderActions;
  /** /floor/receive?order=…: open this order. */
  initialOrder?: string;
}) {
  const t = useTranslations("floor");
  const [kind, setKind] = useState<Kind>(orders && initialOrder ? "order" : "plain");
  if (!orders) return <MovementFlow mode="in" resolve={resolve} stockAt={stockAt} />;
  return (
    <div className="space-y-3">
      <div role="group" aria-label={t("po.receiveKind")} className="grid grid-cols-2 gap-2 rounded-2xl bg-zinc-200 p-1">
        {(["plain", "order"] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => setKind(k)}
            className={cn(
              "min-h-12 rounded-xl px-2 text-base leading-tight font-semibold",
              kind === k ? "bg-white text-zinc-950 shadow-sm" : "text-zinc-700 active:bg-zinc-300",
            )}
          >
            {k === "plain" ? t("po.plain") : t("po.againstOrder")}
          </button>
        ))}
      </div>
      {kind === "order" ? (
        <PurchaseReceiveFlow actions={orders} resolve={resolve} initialOrder={initialOrder} />
      ) : (
        <MovementFlow mode="in" resolve={resolve} stockAt={stockAt} />
      )}
    </div>
  );
}
