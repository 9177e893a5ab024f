// `npm run db:migrate`: create the database if missing and apply pending migrations.
import { databaseUrl, ensureDatabase, migrate } from "./lib/database";
import { ensureSystemData } from "./lib/system-data";

const url = databaseUrl();
if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
const { applied } = await migrate(url, (l) => console.log(l));
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
await ensureSystemData(url);
