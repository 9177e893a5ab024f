// The order form's values; shared by the pages (defaults, on the server) and the form (in the
// browser), so no "use client" here.
import type { OrderLineValues } from "@/components/forms/order-line-values";

export { emptyOrderLine, type OrderLineValues } from "@/components/forms/order-line-values";
export type OrderFormValues = { supplier: string; currency: string; expectedDate: string; notes: string; lines: OrderLineValues[] };
export type SupplierOption = { code: string; name: string; currency: string };
