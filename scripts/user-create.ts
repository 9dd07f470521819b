// npm run user:create -- --email ann@example.com --role admin [--name "Ann"] [--sites east,south] [--password ...]
// Creates a user; without --password a strong one is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { ROLES } from "@/lib/auth/permissions";
import { ensureDatabase } from "@/lib/postgres/ensure-database";
import { createUser, createUserSchema } from "@/lib/services/create-user";
import { systemActor } from "./lib/system-actor";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    sites: { type: "string", default: "" },
    password: { type: "string" },
  },
});
if (!values.email || !values.role) {
  console.error(
    `Usage: npm run user:create -- --email <email> --role <${ROLES.join("|")}> [--name <name>] [--sites east,south] [--password <pw>]`,
  );
  process.exit(2);
}
const generated = !values.password;
const parsed = createUserSchema.safeParse({
  email: values.email,
  name: values.name ?? null,
  role: values.role,
  sites: values.sites
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  password: values.password ?? randomBytes(18).toString("base64url"),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  process.exit(2);
}
const db = await ensureDatabase(() => undefined);
const pool = new pg.Pool({ connectionString: db.url });
try {
  const user = await createUser(pool, systemActor(`cli:${process.env.USER ?? "unknown"}`), parsed.data);
  console.log(`Created ${parsed.data.role} ${user.email}.`);
  if (generated) console.log(`Password (shown once): ${parsed.data.password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
