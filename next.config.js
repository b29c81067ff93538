// Next.js configuration. The server is lib/server/main.ts (a custom server: one process, WebSocket upgrades),
// so this file only shapes the build and the response headers.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pin the project root so Next never guesses a parent folder from another lockfile.
  turbopack: { root },
  outputFileTracingRoot: root,
  // Native modules and packages that load files at run time stay plain Node requires, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "@prisma/client", "pg", "pino", "node-pty", "execa", "esbuild", "mdx-bundler"],
  // `npm test` typechecks the whole project in its own phase (tsc); checking again inside `next build`
  // would double the build time of every `npm start` after a change.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          // Scripts are Next's own (inline bootstrap), so no script-src here; these directives cost nothing.
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
        ],
      },
    ];
  },
};

export default config;
