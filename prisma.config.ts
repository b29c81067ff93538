// Prisma CLI configuration: the JS schema engine (WebAssembly + a driver adapter), so `prisma generate`,
// `migrate diff` and `migrate deploy` run offline (see ../shared/notes/environment.md; Prisma's native
// schema-engine download is unreachable here). The provider follows DATABASE_URL, exactly as lib/db/client.ts
// decides it at run time: postgres:// or postgresql:// → prisma/postgresql/schema.prisma with @prisma/adapter-pg,
// anything else → prisma/schema.prisma (SQLite) with @prisma/adapter-better-sqlite3.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl, sqlitePath } from "./lib/db/url";

const url = databaseUrl();
const postgres = isPostgresUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url: sqlitePath(url) })),
});
