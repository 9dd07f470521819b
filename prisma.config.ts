import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` (and `migrate status` where the schema
// engine is available); the app applies migrations with its own runner.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/crossdock" },
});
