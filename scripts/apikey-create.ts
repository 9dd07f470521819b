// npm run apikey:create -- --system <name> [--scopes ingest,read,replay,resolve] [--sites east,central] [--kind middleware] [--name label]
// Prints the new key on its last line (it is shown once and stored only as a hash).
import { parseArgs } from "node:util";
import pg from "pg";
import type { ApiScope } from "@/lib/auth/api-keys";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { createApiKey } from "@/lib/services/create-api-key";

const { values } = parseArgs({
  options: {
    system: { type: "string" },
    scopes: { type: "string", default: "ingest" },
    sites: { type: "string", default: "" },
    kind: { type: "string", default: "middleware" },
    name: { type: "string" },
  },
});
if (!values.system) {
  console.error(
    "Usage: npm run apikey:create -- --system <name> [--scopes ingest,read,replay,resolve] [--sites east,central] [--kind middleware]",
  );
  process.exit(2);
}
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url });
try {
  const created = await createApiKey(pool, {
    systemName: values.system,
    systemKind: values.kind,
    scopes: values.scopes.split(",").map((s) => s.trim()) as ApiScope[],
    sites: values.sites
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    name: values.name,
    actor: `cli:${process.env.USER ?? "unknown"}`,
  });
  console.log(
    `API key ${created.prefix} for system '${values.system}' (scopes: ${values.scopes}; sites: ${values.sites || "all"}). Store it now; it is not shown again:`,
  );
  console.log(created.key);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
