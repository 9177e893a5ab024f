// GET /sales/shipments/<id>/delivery-note — the delivery note PDF of a shipment (by id; its number
// WH/DN/… works too), in the reader's language. Session-authenticated (sales.read), like the label
// PDF; errors come back as JSON with a status.
import { getTranslations } from "next-intl/server";
import { refParam } from "@/components/sales/refs";
import { can } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { loadDeliveryNote, renderDeliveryNotePdf, type DeliveryNoteLabels } from "@/lib/sales/delivery-note";

export const dynamic = "force-dynamic";

const fail = (e: AppError) => Response.json(e.toJSON(), { status: e.status, headers: { "Cache-Control": "no-store" } });

const KEYS = ["title", "number", "order", "date", "customer", "shipTo", "carrier", "trackingNo", "packages", "weight", "sku", "product", "quantity", "lots", "serials", "totalUnits", "deliveredBy", "receivedBy", "signature", "nameAndDate"] as const;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return fail(new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again."));
  if (!can(user.role, "sales.read")) return fail(new AppError("FORBIDDEN", "You do not have permission to do this."));
  const ref = refParam((await params).id);
  if (!ref) return fail(new AppError("NOT_FOUND", "Shipment not found."));
  try {
    const note = await loadDeliveryNote({ id: user.id, role: user.role, channel: "web" }, ref);
    const t = await getTranslations("sales.deliveryNote");
    const labels = { ...Object.fromEntries(KEYS.map((k) => [k, t(k)])), page: (n: number, of: number) => t("page", { n, of }) } as DeliveryNoteLabels;
    const pdf = await renderDeliveryNotePdf(note, labels);
    const name = `delivery-note-${note.shipment.number.replace(/[^A-Za-z0-9-]+/g, "-")}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${name}"`,
        "Content-Length": String(pdf.length),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError) return fail(e);
    log.error("delivery note PDF failed", { err: e });
    return fail(new AppError("INTERNAL", "Something went wrong. Please try again."));
  }
}
