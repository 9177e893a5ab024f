"use client";
// Deleting a supplier (soft): confirmed in a dialog, which also shows why it was refused, e.g.
// purchase orders still referencing it ("make it inactive instead").
import { DeleteButton } from "@/components/ui/delete-button";
import type { ActionResult } from "@/lib/action";

export function DeleteSupplierButton({ code, name, action }: { code: string; name: string; action: () => Promise<ActionResult<{ code: string }>> }) {
  return <DeleteButton namespace="suppliers" code={code} name={name} action={action} successHref="/purchasing/suppliers" />;
}
