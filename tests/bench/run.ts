// `npm run bench -- <name>`: runs the benchmark tests/bench/<name>.ts. Add new ones to BENCHES.
const BENCHES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  numbering: () => import("./numbering"),
  movements: () => import("./movements"),
  reads: () => import("./reads"),
  serials: () => import("./serials"),
};

const [bench, ...args] = process.argv.slice(2);
const load = bench ? BENCHES[bench] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}>`);
  process.exit(2);
}
await (await load()).run(args);

export {};
