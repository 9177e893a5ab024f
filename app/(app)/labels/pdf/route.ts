// GET /labels/pdf?kind=…&symbology=…&size=…&copies=…&(warehouse|prefix|skus|category|q|sku)=…
// The label PDF, session-authenticated (label.print). Errors come back as JSON with a status.
import { can } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { planLabels } from "@/lib/labels/collect";
import { renderLabelsPdf } from "@/lib/labels/render-pdf";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const fail = (e: AppError) => Response.json(e.toJSON(), { status: e.status });

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return fail(new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again."));
  if (!can(user.role, "label.print")) return fail(new AppError("FORBIDDEN", "You do not have permission to do this."));
  const params = Object.fromEntries(new URL(request.url).searchParams);
  try {
    const plan = await planLabels({ id: user.id, role: user.role, channel: "web" }, params);
    const pdf = await renderLabelsPdf(plan.items, { ...plan.query, title: `Labels: ${plan.query.kind}` });
    const name = `labels-${plan.query.kind}-${new Date().toISOString().slice(0, 10)}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${name}"`,
        "Content-Length": String(pdf.length),
        "Cache-Control": "private, no-store",
        "X-Label-Count": String(plan.labels),
        "X-Page-Count": String(plan.pages),
      },
    });
  } catch (e) {
    if (e instanceof AppError) return fail(e);
    log.error("label PDF failed", { err: e });
    return fail(new AppError("INTERNAL", "Something went wrong. Please try again."));
  }
}
