// prisma/schema.prisma (SQLite) is the one schema people edit. The PostgreSQL schema is derived from it
// mechanically (provider and client output folder differ, nothing else), and prisma/snapshot/schema.prisma
// records the schema as of the newest migration, so `npm run db:diff` can compute the next migration for
// both providers without a shadow database (which the JS schema engine cannot use offline).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const schemaPaths = (root: string) => ({
  sqlite: join(root, "prisma", "schema.prisma"),
  postgres: join(root, "prisma", "postgresql", "schema.prisma"),
  snapshot: join(root, "prisma", "snapshot", "schema.prisma"),
  sqliteMigrations: join(root, "prisma", "migrations"),
  postgresMigrations: join(root, "prisma", "postgresql", "migrations"),
});

const GENERATED_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:diff` (lib/db/schema-sync.ts): do not edit.\n" +
  "// The same models for PostgreSQL; lib/db/client.ts uses the client generated from it for postgres:// URLs.\n\n";

export function derivePostgresSchema(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected `provider = "sqlite"` in the datasource block');
  if (!output.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected `output = "../lib/generated/prisma"` in the generator block');
  return GENERATED_HEADER + sqliteSchema.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/generated/prisma-pg"');
}

export const SNAPSHOT_HEADER = "// The schema as of the newest migration, written by `npm run db:diff`: do not edit.\n\n";

export function readSchema(path: string): string {
  return readFileSync(path, "utf8");
}
