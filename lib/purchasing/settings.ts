// Purchasing settings kept by managers: the approval threshold (orders whose total in base currency
// is above it need a second, manager's approval; empty: one approval for every order).
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { parse } from "../validation";
import { companyPurchasing } from "./exchange-rates";
import { purchasingSettingsSchema } from "./schemas";

export type PurchasingSettings = { baseCurrency: string; approvalThreshold: string | null };

export async function getPurchasingSettings(actor: Actor): Promise<PurchasingSettings> {
  assertCan(actor, "purchase.read");
  const c = await companyPurchasing();
  return { baseCurrency: c.baseCurrency, approvalThreshold: c.threshold };
}

export async function setPurchasingSettings(actor: Actor, input: unknown): Promise<PurchasingSettings> {
  assertCan(actor, "purchase.settings");
  const data = parse(purchasingSettingsSchema, input);
  return db.$transaction(async (tx) => {
    const before = await companyPurchasing(tx);
    const c = await tx.company.update({ where: { code: "MAIN" }, data: { purchaseApprovalThreshold: data.approvalThreshold } });
    const after = { baseCurrency: c.baseCurrency, approvalThreshold: c.purchaseApprovalThreshold?.toString() ?? null };
    await writeAudit(tx, actor, { action: "purchasing.settings", entity: "company", entityId: c.id, before: { approvalThreshold: before.threshold }, after });
    return after;
  });
}
