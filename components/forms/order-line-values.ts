// The values of an order line (purchase and customer order forms); shared by the pages (defaults,
// on the server) and the forms (in the browser), so no "use client" here.
export type OrderLineValues = { sku: string; quantity?: number; unitPrice: string };

export const emptyOrderLine = (): OrderLineValues => ({ sku: "", quantity: undefined, unitPrice: "" });
