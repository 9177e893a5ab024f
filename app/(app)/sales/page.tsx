import { redirect } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";

/** Sales opens where the role's work is: clerks (who pick and ship) the pick lists, the rest the orders. */
export default async function SalesPage() {
  const user = await requirePage("sales.read", "/sales");
  redirect(can(user.role, "sales.pick") && !can(user.role, "sales.write") ? "/sales/pick-lists" : "/sales/orders");
}
