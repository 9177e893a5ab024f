// Where the sales pages are. Customer codes and order numbers (SO2612-0001) go in the path
// encoded; pick lists and shipments (WH/PICK/2026/00001, WH/DN/…) by their id.
export const customerHref = (code: string) => `/sales/customers/${encodeURIComponent(code)}`;
export const salesOrderHref = (number: string) => `/sales/orders/${encodeURIComponent(number)}`;
export const pickListHref = (id: string) => `/sales/pick-lists/${encodeURIComponent(id)}`;
export const deliveryNoteHref = (shipmentId: string) => `/sales/shipments/${encodeURIComponent(shipmentId)}/delivery-note`;

/** A code, number or id from the URL: decoded once, and only what such a reference may contain (else "not found"). */
export { orderNumberParam as refParam } from "@/components/purchasing/orders/order-number";
