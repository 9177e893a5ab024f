// Guards that the SQL twin numbering_format (migration 20261122070000_movement_one_call, used by
// stock_post for movement numbers) formats exactly like lib/numbering/format.ts through formatRow
// (used for every other document): every placeholder at tricky local moments, a few hundred random
// patterns, and hand-written values so both cannot be wrong the same way. Comparisons are batched:
// one query per block, the cases passed as one jsonb array.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { daysInMonth } from "@/lib/numbering/calendar";
import { PLACEHOLDERS } from "@/lib/numbering/format";
import { formatRow, type ResolvedRow } from "@/lib/numbering/lookup";

/** One call: eff and cur are local `YYYY-MM-DD HH:MM:SS`, rangeFrom `YYYY-MM-DD` or null. */
type Case = { prefix: string; suffix: string; padding: number; n: number; eff: string; rangeFrom: string | null; cur: string };

function viaTs(c: Case): string {
  const row: ResolvedRow = {
    sequence_id: "",
    implementation: "standard",
    use_date_range: c.rangeFrom !== null,
    range_period: "year",
    prefix: c.prefix,
    suffix: c.suffix,
    padding: c.padding,
    increment: 1,
    eff: c.eff,
    cur: c.cur,
    range_id: null,
    range_from: c.rangeFrom,
  };
  return formatRow(row, c.n);
}

async function viaSql(cases: Case[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ out: string }[]>(
    `SELECT numbering_format(x.prefix, x.suffix, x.padding, x.n, x.eff, x."rangeFrom", x.cur) AS out
     FROM jsonb_to_recordset($1::jsonb) AS x(i int, prefix text, suffix text, padding int, n bigint, eff text, "rangeFrom" text, cur text)
     ORDER BY x.i`,
    JSON.stringify(cases.map((c, i) => ({ i, ...c }))),
  );
  return rows.map((r) => r.out);
}

/** Every case whose SQL result differs from the TypeScript one, with both values. */
async function mismatches(cases: Case[]) {
  const sql = await viaSql(cases);
  expect(sql).toHaveLength(cases.length);
  return cases.flatMap((c, i) => (sql[i] === viaTs(c) ? [] : [{ ...c, sql: sql[i], ts: viaTs(c) }]));
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const date = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

// Year starts on every weekday (2015 Thu … 2023 Sun), leap and non-leap Dec 31 (incl. 1900, 2000,
// 2100), Feb 29, early-January weeks, each h12 edge, and the unit test's STRFTIME table.
const TIMES = ["00:00:00", "00:59:59", "01:00:00", "11:59:59", "12:00:00", "12:30:59", "13:00:00", "23:59:59"];
const DAYS = [
  ...[2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023].flatMap((y) => [date(y, 1, 1), date(y, 1, 7), date(y, 1, 8)]),
  ...[1000, 1900, 1999, 2000, 2023, 2024, 2025, 2026, 2028, 2100, 9999].map((y) => date(y, 12, 31)),
  "2024-02-29", "2024-03-01", "2000-02-29", "2100-02-28", "2100-03-01", "1000-01-01", "2026-03-05", "2025-06-15",
];
const MOMENTS = [
  ...DAYS.map((d, i) => `${d} ${TIMES[i % TIMES.length]}`),
  ...TIMES.map((t) => `2026-07-04 ${t}`),
  "2026-03-05 14:07:09", "2023-01-01 00:00:00", "2018-01-01 12:30:59", "2024-12-31 23:59:59", "2026-12-31 00:00:00", "2025-06-15 09:05:01",
];

describe("numbering_format (SQL) matches formatSequenceNumber (TypeScript)", () => {
  it("agrees on every placeholder at every tricky moment, in every role", async () => {
    // Rotating the list makes each moment in turn the effective, range (its date) and current one,
    // the other two far away in the list, so a placeholder reading the wrong moment shows. Each
    // triple also runs with range_from NULL, where range_ placeholders read the effective moment.
    const N = MOMENTS.length;
    const cases: Case[] = [];
    for (let i = 0; i < N; i++) {
      const eff = MOMENTS[i];
      const range = MOMENTS[(i + Math.floor(N / 3)) % N].slice(0, 10);
      const cur = MOMENTS[(i + Math.floor((2 * N) / 3)) % N];
      for (const p of PLACEHOLDERS) {
        for (const rangeFrom of [range, null]) {
          cases.push({ prefix: `<%(${p})s>`, suffix: `[%(${p})s]`, padding: 0, n: 7, eff, rangeFrom, cur });
        }
      }
    }
    expect(await mismatches(cases)).toEqual([]);
  });

  it("agrees on 500 random patterns (seeded)", async () => {
    // mulberry32: the same cases every run.
    let seed = 20261122;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
    const LITERALS = ["/", "-", " ", "WH", "IN", "仓库", "入库单", "%%", "100%%", "x", "2026", "·", "(", ")", "s", "_"];
    const NUMBERS = [0, 1, 42, 99999, 1234567890123, -17];
    const pattern = () =>
      Array.from({ length: int(0, 6) }, () => (random() < 0.5 ? `%(${pick(PLACEHOLDERS)})s` : pick(LITERALS))).join("");
    const moment = () => {
      if (random() < 0.3) return pick(MOMENTS);
      const y = int(1000, 9999);
      const m = int(1, 12);
      return `${date(y, m, int(1, daysInMonth(y, m)))} ${pad2(int(0, 23))}:${pad2(int(0, 59))}:${pad2(int(0, 59))}`;
    };
    const cases: Case[] = Array.from({ length: 500 }, () => ({
      prefix: pattern(),
      suffix: pattern(),
      padding: int(0, 10),
      n: random() < 0.5 ? pick(NUMBERS) : int(0, 10 ** int(1, 9)),
      eff: moment(),
      rangeFrom: random() < 0.4 ? null : moment().slice(0, 10),
      cur: moment(),
    }));
    expect(await mismatches(cases)).toEqual([]);
  });

  it("gives hand-checked values", async () => {
    const base = { suffix: "", eff: "2026-03-05 14:07:09", rangeFrom: "2026-01-01", cur: "2024-12-31 23:59:59" };
    const expected: [Case, string][] = [
      [{ ...base, prefix: "WH/IN/%(range_year)s/", padding: 5, n: 42 }, "WH/IN/2026/00042"],
      [{ ...base, prefix: "PO%(y)s%(month)s-", suffix: "/%(current_year)s", padding: 4, n: 7 }, "PO2603-0007/2024"],
      [{ ...base, prefix: "%(doy)s|%(woy)s|%(weekday)s|%(h12)s:%(min)s:%(sec)s|", padding: 0, n: 0 }, "064|09|4|02:07:09|0"],
      [{ ...base, prefix: "%(current_doy)s %(current_woy)s %(current_weekday)s %(current_h24)s ", padding: 2, n: 1234567890123 }, "366 53 2 23 1234567890123"],
      [{ ...base, prefix: "%(range_h12)s %(range_woy)s %(range_weekday)s/", padding: 6, n: -42 }, "12 00 4/-000042"],
      [{ ...base, prefix: "入库/%(range_month)s/", rangeFrom: null, padding: 3, n: 5 }, "入库/03/005"],
      [{ ...base, prefix: "100%%-", suffix: "%%", padding: 0, n: 99999 }, "100%-99999%"],
    ];
    const cases = expected.map(([c]) => c);
    expect(await viaSql(cases)).toEqual(expected.map(([, v]) => v));
    expect(cases.map(viaTs)).toEqual(expected.map(([, v]) => v));
  });
});
