// The numbering engine against real PostgreSQL: concurrency, gap-free rollback, date ranges,
// companies, preview, admin edits. Each test uses its own sequence codes, so tests stay independent
// within the run's fresh database.
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createSequence } from "@/lib/numbering/create-sequence";
import { getSequence } from "@/lib/numbering/get-sequence";
import { issueNumber } from "@/lib/numbering/issue-number";
import { listSequences } from "@/lib/numbering/list-sequences";
import { nextNumber, takeNumber } from "@/lib/numbering/next-number";
import { pgSequenceName } from "@/lib/numbering/pg-sequence";
import { previewNumber, previewSequence } from "@/lib/numbering/preview";
import { previewDraft } from "@/lib/numbering/preview-draft";
import type { SequenceCreateInput } from "@/lib/numbering/schemas";
import { updateDateRange } from "@/lib/numbering/update-date-range";
import { updateSequence } from "@/lib/numbering/update-sequence";
import type { Actor } from "@/lib/auth/permissions";
import { issueAccessToken } from "@/lib/auth/access-token";
import { GET as previewRoute } from "@/app/api/v1/sequences/[code]/preview/route";
import { POST as nextRoute } from "@/app/api/v1/sequences/[code]/next/route";
import { seedSequences } from "@/prisma/seed/sequences";
import { actorFor, uniq } from "../support/fixtures";

let admin: Actor;

beforeAll(async () => {
  admin = await actorFor("admin");
  // Stands in for the documents of later issues: a table with a unique number column.
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_numbered_documents (number TEXT PRIMARY KEY, sequence_code TEXT NOT NULL)`);
});

async function rejects(p: Promise<unknown>, code: string) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

async function sequence(input: Partial<SequenceCreateInput> = {}) {
  return createSequence(admin, { code: uniq("seq").toLowerCase(), name: "Test", padding: 4, ...input });
}

/** The numeric part of `prefix` + number, e.g. "T/2026/0042" → 42. */
const tail = (value: string) => Number(/(\d+)$/.exec(value)![1]);

// Concurrency tests queue 32 callers on a 10-connection pool: give transactions room to wait.
const LONG_TX = { maxWait: 60_000, timeout: 60_000 };

describe("standard sequences", () => {
  it("gives 32 concurrent callers × 50 numbers 1,600 distinct values", async () => {
    const s = await sequence({ prefix: "C/", padding: 6 });
    // Half the callers draw outside a transaction (the prepared-statement path), half inside one.
    const callers = Array.from({ length: 32 }, async (_, c) => {
      const mine: string[] = [];
      for (let i = 0; i < 50; i++) {
        mine.push(c % 2 ? await db.$transaction((tx) => nextNumber(s.code, { tx }), LONG_TX) : await nextNumber(s.code));
      }
      return mine;
    });
    const all = (await Promise.all(callers)).flat();
    expect(all).toHaveLength(1600);
    expect(new Set(all).size).toBe(1600);
    expect(all.every((v) => /^C\/\d{6}$/.test(v))).toBe(true);
    // Nothing failed, so nextval left no gap either.
    expect(all.map(tail).sort((a, b) => a - b)).toEqual(Array.from({ length: 1600 }, (_, i) => i + 1));
  });

  it("is backed by a PostgreSQL SEQUENCE per sequence and per date range, named alike in SQL and TypeScript", async () => {
    const s = await sequence({ prefix: "N/%(range_year)s/", useDateRange: true });
    await nextNumber(s.code, { date: "2026-05-01" });
    const [names] = await db.$queryRaw<{ main: string | null; range: string | null; sql_main: string; sql_range: string }[]>`
      SELECT to_regclass(${pgSequenceName(s.id)})::text AS main, to_regclass(${pgSequenceName(s.id, "2026-01-01")})::text AS range,
             numbering_pg_name(${s.id}::uuid, NULL) AS sql_main, numbering_pg_name(${s.id}::uuid, '2026-01-01') AS sql_range`;
    expect(names).toEqual({ main: pgSequenceName(s.id), range: pgSequenceName(s.id, "2026-01-01"), sql_main: pgSequenceName(s.id), sql_range: pgSequenceName(s.id, "2026-01-01") });
  });

  it("restarts when an admin edits the next number, and follows a new increment", async () => {
    const s = await sequence({ prefix: "E/" });
    expect([await nextNumber(s.code), await nextNumber(s.code)]).toEqual(["E/0001", "E/0002"]);
    const edited = await updateSequence(admin, s.id, { numberNext: 100 });
    expect(edited.numberNext).toBe(100);
    expect(await nextNumber(s.code)).toBe("E/0100");
    await updateSequence(admin, s.id, { increment: 10 });
    expect(await previewNumber(s.code)).toBe("E/0110");
    expect(await nextNumber(s.code)).toBe("E/0110");
    // An edit that leaves the counter out does not move it (the form only sends a changed counter).
    await updateSequence(admin, s.id, { name: "Renamed", prefix: "R/" });
    expect(await nextNumber(s.code)).toBe("R/0120");
  });

  it("sets a date range's counter", async () => {
    const s = await sequence({ prefix: "DR/%(range_year)s/", useDateRange: true });
    await nextNumber(s.code, { date: "2026-02-01" });
    const range = (await getSequence(admin, s.id)).ranges[0];
    expect(range.numberNext).toBe(2);
    const after = await updateDateRange(admin, range.id, { numberNext: 500 });
    expect(after.ranges[0].numberNext).toBe(500);
    expect(await nextNumber(s.code, { date: "2026-09-09" })).toBe("DR/2026/0500");
  });
});

describe("no_gap sequences", () => {
  it("commits exactly 1..N under concurrency when every 7th transaction rolls back", async () => {
    const s = await sequence({ prefix: "G/", implementation: "no_gap" });
    let attempt = 0;
    const callers = Array.from({ length: 32 }, async () => {
      for (let round = 0; round < 5; round++) {
        const mine = ++attempt;
        await db
          .$transaction(async (tx) => {
            const number = await nextNumber(s.code, { tx });
            // Hold the counter a moment, as a document writing its lines would.
            await tx.$executeRaw`SELECT pg_sleep(0.002)`;
            await tx.$executeRaw`INSERT INTO test_numbered_documents (number, sequence_code) VALUES (${number}, ${s.code})`;
            if (mine % 7 === 0) throw new Error("rollback");
          }, LONG_TX)
          .catch((e: Error) => {
            if (e.message !== "rollback") throw e;
          });
      }
    });
    await Promise.all(callers);
    const rolledBack = Math.floor(160 / 7);
    const rows = await db.$queryRaw<{ number: string }[]>`SELECT number FROM test_numbered_documents WHERE sequence_code = ${s.code}`;
    const committed = rows.map((r) => tail(r.number)).sort((a, b) => a - b);
    expect(committed).toHaveLength(160 - rolledBack);
    expect(committed).toEqual(Array.from({ length: 160 - rolledBack }, (_, i) => i + 1));
    expect(await previewNumber(s.code)).toBe(`G/${String(160 - rolledBack + 1).padStart(4, "0")}`);
  });

  it("gives a rolled-back number to the next document", async () => {
    const s = await sequence({ prefix: "RB/", implementation: "no_gap", useDateRange: true });
    await db
      .$transaction(async (tx) => {
        expect(await nextNumber(s.code, { tx, date: "2026-01-10" })).toBe("RB/0001");
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await nextNumber(s.code, { date: "2026-01-10" })).toBe("RB/0001");
  });

  it("waits a bounded time for a held counter, then fails with UNAVAILABLE", async () => {
    const s = await sequence({ prefix: "B/", implementation: "no_gap" });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let taken!: () => void;
    const hasNumber = new Promise<void>((r) => (taken = r));
    const holder = db.$transaction(
      async (tx) => {
        await nextNumber(s.code, { tx });
        taken();
        await held;
      },
      { timeout: 30_000 },
    );
    await hasNumber;
    const started = Date.now();
    const e = await rejects(nextNumber(s.code), "UNAVAILABLE");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(e.message).toContain(s.code);
    release();
    await holder;
    expect(await nextNumber(s.code)).toBe("B/0002");
  });

  it("leaves the caller's lock_timeout as it was", async () => {
    const s = await sequence({ implementation: "no_gap" });
    await db.$transaction(async (tx: Tx) => {
      await tx.$executeRaw`SET LOCAL lock_timeout = '7s'`;
      await nextNumber(s.code, { tx });
      const [{ lock_timeout }] = await tx.$queryRaw<{ lock_timeout: string }[]>`SHOW lock_timeout`;
      expect(lock_timeout).toBe("7s");
    });
  });
});

describe("date ranges", () => {
  it("resets yearly by document date: 2025-12-31 and 2026-01-01 fall in different ranges", async () => {
    for (const implementation of ["standard", "no_gap"] as const) {
      const s = await sequence({ prefix: "Y/%(range_year)s/", useDateRange: true, implementation });
      expect(await nextNumber(s.code, { date: "2025-12-31" })).toBe("Y/2025/0001");
      expect(await nextNumber(s.code, { date: "2025-12-31" })).toBe("Y/2025/0002");
      expect(await nextNumber(s.code, { date: "2026-01-01" })).toBe("Y/2026/0001");
      // A late document of the old year continues the old range.
      expect(await nextNumber(s.code, { date: "2025-06-30" })).toBe("Y/2025/0003");
      const ranges = (await getSequence(admin, s.id)).ranges.map((r) => [r.dateFrom, r.dateTo, r.numberNext]);
      expect(ranges).toEqual([
        ["2026-01-01", "2026-12-31", 2],
        ["2025-01-01", "2025-12-31", 4],
      ]);
    }
  });

  it("resets monthly, with the range's dates in the prefix", async () => {
    const s = await sequence({ prefix: "PO%(range_y)s%(range_month)s-", useDateRange: true, rangePeriod: "month" });
    expect(await nextNumber(s.code, { date: "2026-01-15" })).toBe("PO2601-0001");
    expect(await nextNumber(s.code, { date: "2026-02-28" })).toBe("PO2602-0001");
    expect(await nextNumber(s.code, { date: "2026-01-31" })).toBe("PO2601-0002");
    expect(await nextNumber(s.code, { date: "2024-02-29" })).toBe("PO2402-0001");
    const ranges = (await getSequence(admin, s.id)).ranges.map((r) => `${r.dateFrom}..${r.dateTo}`);
    expect(ranges).toEqual(["2026-02-01..2026-02-28", "2026-01-01..2026-01-31", "2024-02-01..2024-02-29"]);
  });

  it("creates a new range once when many callers use it first at the same time", async () => {
    for (const implementation of ["standard", "no_gap"] as const) {
      const s = await sequence({ prefix: "F/", useDateRange: true, implementation });
      const values = await Promise.all(
        Array.from({ length: 16 }, () => db.$transaction((tx) => nextNumber(s.code, { date: "2027-03-03", tx }), LONG_TX)),
      );
      expect(new Set(values).size).toBe(16);
      expect(values.map(tail).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      const count = await db.sequenceDateRange.count({ where: { sequenceId: s.id } });
      expect(count, implementation).toBe(1);
    }
  });

  it("clips a new range against existing ones after the period changes", async () => {
    const s = await sequence({ prefix: "K/%(range_year)s%(range_month)s%(range_day)s/", useDateRange: true, rangePeriod: "month" });
    await nextNumber(s.code, { date: "2026-03-10" }); // March
    await updateSequence(admin, s.id, { rangePeriod: "year" });
    expect(await nextNumber(s.code, { date: "2026-05-01" })).toBe("K/20260401/0001"); // April..December
    expect(await nextNumber(s.code, { date: "2026-01-20" })).toBe("K/20260101/0001"); // January..February
    expect(await nextNumber(s.code, { date: "2026-03-31" })).toBe("K/20260301/0002");
    const ranges = (await getSequence(admin, s.id)).ranges.map((r) => `${r.dateFrom}..${r.dateTo}`);
    expect(ranges).toEqual(["2026-04-01..2026-12-31", "2026-03-01..2026-03-31", "2026-01-01..2026-02-28"]);
  });
});

describe("preview", () => {
  it("equals the number issued next and moves nothing", async () => {
    for (const implementation of ["standard", "no_gap"] as const) {
      const s = await sequence({ prefix: `P${implementation.length}/%(range_year)s/`, useDateRange: true, implementation });
      // A date without a range previews the range first use would create, without creating it.
      expect(await previewNumber(s.code, { date: "2026-04-01" })).toBe(`P${implementation.length}/2026/0001`);
      expect(await db.sequenceDateRange.count({ where: { sequenceId: s.id } })).toBe(0);
      for (let i = 1; i <= 3; i++) {
        const preview = await previewNumber(s.code, { date: "2026-04-01" });
        expect(await previewNumber(s.code, { date: "2026-04-01" })).toBe(preview);
        expect(await nextNumber(s.code, { date: "2026-04-01" })).toBe(preview);
        expect(tail(preview)).toBe(i);
      }
    }
  });

  it("previews a sequence without ranges and after a restart", async () => {
    const s = await sequence({ prefix: "Q/", suffix: "/%(year)s" });
    expect(await previewNumber(s.code, { date: "2026-01-05" })).toBe("Q/0001/2026");
    await nextNumber(s.code);
    expect(await previewNumber(s.code, { date: "2026-01-05" })).toBe("Q/0002/2026");
    await updateSequence(admin, s.id, { numberNext: 40 });
    expect(await previewNumber(s.code, { date: "2026-01-05" })).toBe("Q/0040/2026");
    expect(await nextNumber(s.code, { date: "2026-01-05" })).toBe("Q/0040/2026");
  });

  it("answers the API shape for roles with sequence.read and refuses others", async () => {
    const s = await sequence({ prefix: "A/%(range_year)s/", useDateRange: true });
    const manager = await actorFor("manager");
    expect(await previewSequence(manager, s.code, { date: "2026-08-08" })).toEqual({ value: "A/2026/0001" });
    await rejects(previewSequence(await actorFor("clerk"), s.code, {}), "FORBIDDEN");
    await rejects(previewSequence(manager, s.code, { date: "2026-02-30" }), "VALIDATION_FAILED");
    await rejects(previewSequence(manager, "no.such.code", {}), "NOT_FOUND");
    await rejects(previewSequence(manager, s.code, { company: "NOPE" }), "VALIDATION_FAILED");
  });

  it("previews a draft as the admin types, with the saved counters", async () => {
    const s = await sequence({ prefix: "D/%(range_year)s/", useDateRange: true });
    await nextNumber(s.code, { date: "2026-06-01" });
    const draft = { sequenceId: s.id, date: "2026-06-02", prefix: "DX/%(range_year)s/%(month)s/", suffix: "", padding: 3, useDateRange: true, rangePeriod: "year" };
    expect(await previewDraft(admin, draft)).toEqual({
      value: "DX/2026/06/002",
      number: 2,
      timeZone: "UTC",
      range: { from: "2026-01-01", to: "2026-12-31", isNew: false },
    });
    expect((await previewDraft(admin, { ...draft, date: "2027-01-02" })).range).toEqual({ from: "2027-01-01", to: "2027-12-31", isNew: true });
    expect((await previewDraft(admin, { date: "2026-06-02", prefix: "N-", suffix: "", padding: 2, numberNext: 9, useDateRange: false, rangePeriod: "year" })).value).toBe("N-09");
    await rejects(previewDraft(admin, { ...draft, prefix: "%(bad)s" }), "VALIDATION_FAILED");
    await rejects(previewDraft(await actorFor("manager"), draft), "FORBIDDEN");
  });
});

describe("companies", () => {
  it("prefers the company's own sequence over the shared one", async () => {
    const code = uniq("co").toLowerCase();
    const [c1, c2] = await Promise.all(
      ["C1", "C2"].map((p) => db.company.create({ data: { code: uniq(p), name: p, baseCurrency: "CNY" } })),
    );
    await sequence({ code, prefix: "SHARED/" });
    const own = await sequence({ code, prefix: "OWN/", companyId: c1.id });
    expect(await nextNumber(code, { companyId: c1.id })).toBe("OWN/0001");
    expect(await nextNumber(code, { companyId: c2.id })).toBe("SHARED/0001");
    expect(await nextNumber(code)).toBe("SHARED/0002");
    expect(await previewSequence(admin, code, { company: c1.code })).toEqual({ value: "OWN/0002" });
    // An inactive company sequence steps aside.
    await updateSequence(admin, own.id, { active: false });
    expect(await nextNumber(code, { companyId: c1.id })).toBe("SHARED/0003");
    await rejects(sequence({ code, prefix: "AGAIN/" }), "DUPLICATE");
    await rejects(sequence({ code, companyId: c1.id }), "DUPLICATE");
  });

  it("reads dates and picks ranges in the company's time zone", async () => {
    const shanghai = await db.company.create({ data: { code: uniq("SH"), name: "Shanghai", baseCurrency: "CNY", timeZone: "Asia/Shanghai" } });
    const s = await sequence({ prefix: "TZ/%(range_year)s/%(year)s%(month)s%(day)s-%(h24)s/", useDateRange: true, companyId: shanghai.id });
    expect(s.timeZone).toBe("Asia/Shanghai");
    // 17:30 UTC on New Year's Eve is 01:30 on January 1st in Shanghai.
    const instant = new Date("2025-12-31T17:30:00Z");
    expect(await nextNumber(s.code, { companyId: shanghai.id, date: instant })).toBe("TZ/2026/20260101-01/0001");
    expect(await nextNumber(s.code, { companyId: shanghai.id, date: "2025-12-31" })).toBe("TZ/2025/20251231-00/0001");
    const now = new Date("2026-07-01T20:00:00Z");
    const cur = await sequence({ prefix: "%(current_day)s-%(current_h24)s/", companyId: shanghai.id });
    expect(await nextNumber(cur.code, { companyId: shanghai.id, now })).toBe("02-04/0001");
  });
});

describe("administration", () => {
  it("validates on save: unknown placeholder, unbalanced %(, bad counters", async () => {
    const e = await rejects(sequence({ prefix: "WH/%(yaer)s/" }), "VALIDATION_FAILED");
    expect(e.details?.issues).toEqual([{ path: "prefix", message: "Unknown placeholder %(yaer)s." }]);
    await rejects(sequence({ suffix: "%(year" }), "VALIDATION_FAILED");
    await rejects(sequence({ padding: 40 }), "VALIDATION_FAILED");
    await rejects(sequence({ numberNext: 0 }), "VALIDATION_FAILED");
    const s = await sequence();
    await rejects(updateSequence(admin, s.id, { prefix: "%(nope)s" }), "VALIDATION_FAILED");
    await rejects(updateSequence(admin, "00000000-0000-7000-8000-000000000000", { name: "x" }), "NOT_FOUND");
  });

  it("refuses every role but admin, and audits changes", async () => {
    for (const role of ["manager", "clerk", "purchaser", "approver", "viewer"] as const) {
      await rejects(createSequence(await actorFor(role), { code: uniq("x").toLowerCase(), name: "x" }), "FORBIDDEN");
    }
    const s = await sequence({ prefix: "AU/" });
    await updateSequence(admin, s.id, { padding: 6 });
    const rows = await db.auditLog.findMany({ where: { entity: "sequence", entityId: s.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["sequence.create", "sequence.update"]);
    expect(rows[1].before).toMatchObject({ padding: 4 });
    expect(rows[1].after).toMatchObject({ padding: 6 });
  });

  it("issues a number by hand for admins only, with an audit row", async () => {
    const s = await sequence({ prefix: "H/%(range_year)s/", useDateRange: true });
    expect(await issueNumber(admin, s.code, { date: "2026-03-03" })).toEqual({ value: "H/2026/0001" });
    await rejects(issueNumber(await actorFor("manager"), s.code, {}), "FORBIDDEN");
    await rejects(issueNumber(admin, "no.such.code", {}), "NOT_FOUND");
    const audit = await db.auditLog.findFirst({ where: { action: "sequence.next", entityId: s.id } });
    expect(audit?.after).toMatchObject({ value: "H/2026/0001", number: 1, date: "2026-03-03" });
  });

  it("carries the counters across a switch between standard and no_gap", async () => {
    const s = await sequence({ prefix: "SW/%(range_year)s/", useDateRange: true });
    await nextNumber(s.code, { date: "2026-01-01" });
    await nextNumber(s.code, { date: "2026-01-01" });
    await nextNumber(s.code, { date: "2025-01-01" });
    const noGap = await updateSequence(admin, s.id, { implementation: "no_gap" });
    expect(noGap.ranges.map((r) => r.numberNext)).toEqual([3, 2]);
    const [{ left }] = await db.$queryRaw<{ left: bigint }[]>`SELECT count(*) AS left FROM pg_class WHERE relkind = 'S' AND relname LIKE ${pgSequenceName(s.id) + "%"}`;
    expect(Number(left)).toBe(0);
    expect(await nextNumber(s.code, { date: "2026-05-05" })).toBe("SW/2026/0003");
    await updateSequence(admin, s.id, { implementation: "standard" });
    expect(await nextNumber(s.code, { date: "2026-05-05" })).toBe("SW/2026/0004");
    expect(await nextNumber(s.code, { date: "2025-05-05" })).toBe("SW/2025/0002");
  });

  it("lists sequences with live counters and the time zone", async () => {
    const s = await sequence({ prefix: "L/" });
    await takeNumber(s.code);
    const listed = (await listSequences(admin)).find((x) => x.id === s.id);
    expect(listed).toMatchObject({ code: s.code, numberNext: 2, timeZone: "UTC", company: null });
    await rejects(listSequences(await actorFor("clerk")), "FORBIDDEN");
    await rejects(getSequence(admin, "not-a-uuid"), "NOT_FOUND");
  });

  it("refuses an unknown code with NOT_FOUND and a malformed date with VALIDATION_FAILED", async () => {
    await rejects(nextNumber("no.such.code"), "NOT_FOUND");
    await rejects(previewNumber("no.such.code"), "NOT_FOUND");
    const s = await sequence();
    await rejects(nextNumber(s.code, { date: "2026-02-30" }), "VALIDATION_FAILED");
  });
});

describe("REST routes", () => {
  async function bearer(actor: Actor) {
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
    return `Bearer ${(await issueAccessToken(user)).token}`;
  }
  const ctx = (code: string) => ({ params: Promise.resolve({ code }) });
  const url = (path: string) => `http://localhost/api/v1/sequences/${path}`;

  it("GET …/preview and POST …/next answer {value} and errors in the API shape", async () => {
    const s = await sequence({ prefix: "API/%(range_year)s/", useDateRange: true });
    const adminAuth = await bearer(admin);
    const clerkAuth = await bearer(await actorFor("clerk"));
    const managerAuth = await bearer(await actorFor("manager"));

    const preview = await previewRoute(new Request(url(`${s.code}/preview?date=2026-04-04`), { headers: { authorization: managerAuth } }), ctx(s.code));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({ value: "API/2026/0001" });

    const next = await nextRoute(
      new Request(url(`${s.code}/next`), { method: "POST", headers: { authorization: adminAuth, "content-type": "application/json" }, body: JSON.stringify({ date: "2026-04-04" }) }),
      ctx(s.code),
    );
    expect(next.status).toBe(200);
    expect(await next.json()).toEqual({ value: "API/2026/0001" });

    const errors: [Response, number, string][] = [
      [await previewRoute(new Request(url(`${s.code}/preview`)), ctx(s.code)), 401, "UNAUTHENTICATED"],
      [await previewRoute(new Request(url(`${s.code}/preview`), { headers: { authorization: clerkAuth } }), ctx(s.code)), 403, "FORBIDDEN"],
      [await previewRoute(new Request(url("no.such/preview"), { headers: { authorization: managerAuth } }), ctx("no.such")), 404, "NOT_FOUND"],
      [await previewRoute(new Request(url(`${s.code}/preview?date=26-4-4`), { headers: { authorization: managerAuth } }), ctx(s.code)), 422, "VALIDATION_FAILED"],
      [await nextRoute(new Request(url(`${s.code}/next`), { method: "POST", headers: { authorization: managerAuth, "content-type": "application/json" }, body: "{}" }), ctx(s.code)), 403, "FORBIDDEN"],
      [await nextRoute(new Request(url(`${s.code}/next`), { method: "POST", headers: { authorization: adminAuth, "content-type": "application/json" }, body: "{" }), ctx(s.code)), 400, "BAD_REQUEST"],
    ];
    for (const [res, status, code] of errors) {
      expect(res.status, code).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});

describe("seed", () => {
  it("creates the company and the document sequences, idempotently", async () => {
    // The global setup already ensured them (every migration run does); other test files may have
    // drawn numbers since, so compare against the preview rather than against 1.
    await seedSequences(db);
    const expected = await previewNumber("stock.move.in", { date: "2026-11-22" });
    expect(expected).toMatch(/^WH\/IN\/2026\/\d{5}$/);
    const first = await nextNumber("stock.move.in", { date: "2026-11-22" });
    await seedSequences(db);
    expect(await db.company.count({ where: { code: "MAIN" } })).toBe(1);
    expect(first).toBe(expected);
    const n = Number(first.slice(-5));
    expect(await previewNumber("stock.move.in", { date: "2026-11-22" })).toBe(`WH/IN/2026/${String(n + 1).padStart(5, "0")}`);
    const formats: [string, RegExp][] = [
      ["stock.move.out", /^WH\/OUT\/2026\/\d{5}$/],
      ["stock.move.transfer", /^WH\/INT\/2026\/\d{5}$/],
      ["stock.move.adjust", /^WH\/ADJ\/2026\/\d{5}$/],
      ["stock.move.write_off", /^WH\/SCRAP\/2026\/\d{5}$/],
      ["purchase.order", /^PO2611-\d{4}$/],
      ["stock.count", /^WH\/COUNT\/2026\/\d{5}$/],
    ];
    for (const [code, re] of formats) expect(await nextNumber(code, { date: "2026-11-22" })).toMatch(re);
    const seeded = await db.sequence.findMany({ where: { companyId: null, code: { in: ["stock.move.adjust", "stock.move.write_off", "stock.count"] } } });
    expect(seeded.map((s) => s.implementation)).toEqual(["no_gap", "no_gap", "no_gap"]);
  });
});
