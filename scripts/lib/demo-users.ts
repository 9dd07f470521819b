import type pg from "pg";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/services/create-user";
import { systemActor } from "./system-actor";

// One demo user per role (the warehouse manager limited to the east site), all with the
// same demo-only password. Existing users are left as they are.
export const DEMO_PASSWORD = "crossdock-demo-2026";

const ACCOUNTS: { email: string; name: string; role: Role; sites: string[] }[] = [
  { email: "viewer@crossdock.demo", name: "Vera Viewer", role: "viewer", sites: [] },
  {
    email: "manager.east@crossdock.demo",
    name: "Eddie East (warehouse manager)",
    role: "warehouse_manager",
    sites: ["east"],
  },
  { email: "finance@crossdock.demo", name: "Fiona Finance", role: "finance", sites: [] },
  { email: "engineer@crossdock.demo", name: "Enzo Engineer", role: "engineer", sites: [] },
  { email: "admin@crossdock.demo", name: "Ada Admin", role: "admin", sites: [] },
];

export async function seedDemoUsers(pool: pg.Pool): Promise<{ password: string; accounts: typeof ACCOUNTS }> {
  const actor = systemActor("demo");
  for (const a of ACCOUNTS) {
    await createUser(pool, actor, { ...a, password: DEMO_PASSWORD }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.status === 409)) throw error;
    });
  }
  return { password: DEMO_PASSWORD, accounts: ACCOUNTS };
}
