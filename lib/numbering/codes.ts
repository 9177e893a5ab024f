// The sequence codes documents draw their numbers from (seeded by prisma/seed/sequences.ts).
export const MOVEMENT_SEQUENCES = {
  in: "stock.move.in",
  out: "stock.move.out",
  transfer: "stock.move.transfer",
  adjust: "stock.move.adjust",
  write_off: "stock.move.write_off",
} as const;

export const PURCHASE_ORDER_SEQUENCE = "purchase.order";
export const COUNT_SESSION_SEQUENCE = "stock.count";
export const SALES_ORDER_SEQUENCE = "sales.order";
export const PICK_LIST_SEQUENCE = "stock.pick";
export const SHIPMENT_SEQUENCE = "sales.shipment";
export const SALES_RETURN_SEQUENCE = "sales.return";
