// GET /import/template/products|opening_stock|serial_items — an example CSV to fill in.
import { can } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { templateCsv } from "@/lib/imports/templates";
import { importKindSchema } from "@/lib/imports/types";

export async function GET(_request: Request, ctx: { params: Promise<{ kind: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (!can(user.role, "import.run")) return new Response("Forbidden.", { status: 403 });
  const kind = importKindSchema.safeParse((await ctx.params).kind);
  if (!kind.success) return new Response("Not found.", { status: 404 });
  return new Response(`\uFEFF${templateCsv(kind.data)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind.data.replace("_", "-")}-template.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
