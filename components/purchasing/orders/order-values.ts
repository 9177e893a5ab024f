// The order form's values; shared by the pages (defaults, on the server) and the form (in the
// browser), so no "use client" here.
export type OrderLineValues = { sku: string; quantity?: number; unitPrice: string };
export type OrderFormValues = { supplier: string; currency: string; expectedDate: string; notes: string; lines: OrderLineValues[] };
export type SupplierOption = { code: string; name: string; currency: string };

export const emptyOrderLine = (): OrderLineValues => ({ sku: "", quantity: undefined, unitPrice: "" });
