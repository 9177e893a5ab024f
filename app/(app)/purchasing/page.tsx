import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/session";

/** Purchasing opens where the role's work is: approvers their inbox, clerks what is due, the rest the orders. */
export default async function PurchasingPage() {
  const user = await requirePage("purchase.read", "/purchasing");
  redirect(user.role === "approver" ? "/purchasing/inbox" : user.role === "clerk" ? "/purchasing/expected" : "/purchasing/orders");
}
