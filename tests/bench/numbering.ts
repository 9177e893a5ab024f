// Numbers per second of the numbering engine at 1 and 16 concurrent callers, median of 3 runs,
// in a scratch database (wms_bench_numbering_<pid>) created, migrated and dropped here.
//   standard           nextNumber outside a transaction (nextval), as receipts and issues use it
//   no_gap (in tx)     one interactive transaction per number, as a document takes it
//   no_gap (statement) nextNumber without a transaction: the counter's own cost
// Env: BENCH_SECONDS (per run, default 2), BENCH_DATABASE_BASE_URL (default: DATABASE_URL's server).
import { dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/database";

type Mode = { label: string; code: string; take: (code: string) => Promise<string> };

export async function run(): Promise<void> {
  const base = process.env.BENCH_DATABASE_BASE_URL || serverOf(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms");
  const url = `${base}/wms_bench_numbering_${process.pid}`;
  const seconds = Number(process.env.BENCH_SECONDS || 2);
  // Before lib/db is first imported: the client reads both when it is created.
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ||= "16";

  await ensureDatabase(url);
  try {
    await migrate(url);
    const { db } = await import("../../lib/db");
    const { insertSequence } = await import("../../lib/numbering/insert-sequence");
    const { nextNumber } = await import("../../lib/numbering/next-number");
    const { sequenceCreateSchema } = await import("../../lib/numbering/schemas");
    try {
      const create = (code: string, implementation: "standard" | "no_gap") =>
        db.$transaction((tx) =>
          insertSequence(tx, sequenceCreateSchema.parse({ code, name: code, prefix: "WH/IN/%(range_year)s/", padding: 5, useDateRange: true, implementation })),
        );
      await create("bench.standard", "standard");
      await create("bench.no_gap", "no_gap");
      const modes: Mode[] = [
        { label: "standard", code: "bench.standard", take: (code) => nextNumber(code) },
        { label: "no_gap (in tx)", code: "bench.no_gap", take: (code) => db.$transaction((tx) => nextNumber(code, { tx }), { maxWait: 30_000 }) },
        { label: "no_gap (statement)", code: "bench.no_gap", take: (code) => nextNumber(code) },
      ];
      console.log(`numbering benchmark: ${seconds} s per run, median of 3, pool ${process.env.DATABASE_POOL_SIZE}, database ${url.replace(/\/\/[^@]*@/, "//")}`);
      console.log("mode                 callers   numbers/s   (runs)");
      for (const mode of modes) {
        for (let i = 0; i < 200; i++) await mode.take(mode.code); // warm up connections, caches, JIT
        for (const callers of [1, 16]) {
          const runs: number[] = [];
          for (let r = 0; r < 3; r++) runs.push(await measure(() => mode.take(mode.code), callers, seconds));
          const median = [...runs].sort((a, b) => a - b)[1];
          console.log(`${mode.label.padEnd(20)} ${String(callers).padStart(7)} ${fmt(median).padStart(11)}   (${runs.map(fmt).join(", ")})`);
        }
      }
    } finally {
      await db.$disconnect();
    }
  } finally {
    await dropDatabase(url);
  }
}

/** Numbers per second taken by `callers` concurrent loops during `seconds`. */
async function measure(take: () => Promise<unknown>, callers: number, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        await take();
        count++;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

function serverOf(url: string): string {
  const u = new URL(url);
  u.pathname = "";
  return u.toString().replace(/\/$/, "");
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
