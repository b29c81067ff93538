// `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL names (the server
// also does this at every start). Exit code 1 with a message naming the path and the fix when it cannot.
import { migrate } from "../lib/db/migrate";

try {
  const r = await migrate();
  console.log(
    r.applied.length
      ? `Applied ${r.applied.length} migration(s) to ${r.database}: ${r.applied.join(", ")}`
      : `${r.database} is up to date (${r.total} migration(s)).`,
  );
} catch (err) {
  console.error(`Database migration failed: ${(err as Error).message}`);
  process.exit(1);
}
