// The customer order form's values; shared by the pages (defaults, on the server) and the form (in
// the browser), so no "use client" here.
import type { OrderLineValues } from "@/components/forms/order-line-values";

export type SalesOrderFormValues = { customer: string; currency: string; requestedDate: string; shipTo: string; notes: string; lines: OrderLineValues[] };
export type CustomerOption = { code: string; name: string; currency: string; shippingAddress: string | null };
