import { getTranslations } from "next-intl/server";
import { ReceiveScreen } from "@/components/floor/receive-screen";
import { can } from "@/lib/auth/permissions";
import { requireFloor } from "../access";
import { resolveScanAction, stockAtAction } from "../actions";
import { expectedOrdersAction, floorOrderAction, receiveOrderAction } from "../purchase-actions";

// /floor/receive, and /floor/receive?order=PO… (the desktop's expected receipts link here).
export default async function ReceivePage({ searchParams }: { searchParams: Promise<{ order?: string | string[] }> }) {
  const { order } = await searchParams;
  const initialOrder = typeof order === "string" && order.trim() ? order.trim().slice(0, 64) : undefined;
  const user = await requireFloor(initialOrder ? `/floor/receive?order=${encodeURIComponent(initialOrder)}` : "/floor/receive", "movement.post");
  const t = await getTranslations("floor");
  const orders = can(user.role, "purchase.receive") && can(user.role, "purchase.read");
  return (
    <>
      <h1 className="sr-only">{t("receive")}</h1>
      <ReceiveScreen
        resolve={resolveScanAction}
        stockAt={stockAtAction}
        orders={orders ? { expected: expectedOrdersAction, load: floorOrderAction, receive: receiveOrderAction } : undefined}
        initialOrder={initialOrder}
      />
    </>
  );
}
