// The entry confirmation limit (lib/settings/entry-guard.ts): admins only, validated with the shared
// amount bounds, audited; every role that posts reads it. The default is 100,000 in base currency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getEntryLimit, getEntrySettings, setEntrySettings } from "@/lib/settings/entry-guard";
import { actorFor } from "../support/fixtures";

let admin: Actor, manager: Actor, clerk: Actor;
let before: string | null;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  [admin, manager, clerk] = await Promise.all((["admin", "manager", "clerk"] as const).map((r) => actorFor(r)));
  before = (await getEntrySettings(admin)).entryConfirmAbove;
});

afterAll(async () => {
  await setEntrySettings(admin, { entryConfirmAbove: before ?? "" });
});

describe("entry confirmation limit", () => {
  it("is read by the roles that post, and changed by admins only, with an audit row", async () => {
    expect(await getEntryLimit(clerk)).toEqual({ above: before, currency: "CNY" });
    expect((await refusal(setEntrySettings(manager, { entryConfirmAbove: "5" }))).code).toBe("FORBIDDEN");

    const saved = await setEntrySettings(admin, { entryConfirmAbove: "250000.5" });
    expect(saved).toEqual({ baseCurrency: "CNY", entryConfirmAbove: "250000.50" });
    expect((await getEntryLimit(clerk)).above).toBe("250000.50");
    const audit = await db.auditLog.findFirst({ where: { action: "settings.entry", actorId: admin.id }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ entity: "company", after: { entryConfirmAbove: "250000.50" } });

    // Empty means never ask.
    expect((await setEntrySettings(admin, { entryConfirmAbove: "" })).entryConfirmAbove).toBeNull();
  });

  it("refuses an absurd or malformed limit with the amount bounds' messages", async () => {
    const e = await refusal(setEntrySettings(admin, { entryConfirmAbove: "99999999999999" }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.details?.issues).toEqual([{ path: "entryConfirmAbove", message: "Amounts are at most 1,000,000,000." }]);
    expect((await refusal(setEntrySettings(admin, { entryConfirmAbove: "-1" }))).code).toBe("VALIDATION_FAILED");
  });
});
