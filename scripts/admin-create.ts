// `npm run admin:create -- --email teacher@example.com --password '...' [--name 'Ada L.']`
// Creates an instructor (admin) account in the database DATABASE_URL names (migrating it first), or makes an
// existing account an admin and replaces its password. Bad arguments get a usage message and exit code 2.
import { parseArgs } from "node:util";

const usage = "Usage: npm run admin:create -- --email teacher@example.com --password 'at least 10 characters' [--name 'Display name']";

let values: { email?: string; password?: string; name?: string };
try {
  ({ values } = parseArgs({
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    allowPositionals: false,
    strict: true,
  }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
const missing = (["email", "password"] as const).filter((k) => !values[k]);
if (missing.length) {
  console.error(`Missing ${missing.map((k) => `--${k}`).join(" and ")}.\n${usage}`);
  process.exit(2);
}

const { migrate } = await import("../lib/db/migrate");
const { closeDb, getDb } = await import("../lib/db/client");
const { upsertAdmin } = await import("../lib/auth/accounts");
try {
  await migrate();
  const { user, created } = await upsertAdmin(getDb(), { email: values.email!, password: values.password!, displayName: values.name });
  console.log(created ? `Created admin ${user.email}.` : `${user.email} already had an account: it is now an admin, with the new password.`);
} catch (err) {
  const e = err as Error & { fields?: Record<string, string> };
  console.error(e.fields ? `Not created: ${Object.entries(e.fields).map(([k, v]) => `--${k === "displayName" ? "name" : k}: ${v}`).join(" ")}` : `Not created: ${e.message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
