// `npm test`: type-check, lint, unit, integration and browser/API tests, stopping at the first failure.
import { runOrExit } from "./lib/run";

const steps: [string, string[]][] = [
  ["npm", ["run", "typecheck"]],
  ["npm", ["run", "lint"]],
  ["npm", ["run", "test:unit"]],
  ["npm", ["run", "test:int"]],
  ["npm", ["run", "test:e2e"]],
];
const started = Date.now();
for (const [cmd, args] of steps) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  await runOrExit(cmd, args);
}
console.log(`\n✓ all test stages passed in ${Math.round((Date.now() - started) / 1000)} s`);
