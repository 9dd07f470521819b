import { getServerSession } from "next-auth";
import type { Pool } from "pg";
import { vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";

// Signs a user in for server code under test, by answering next-auth's getServerSession.
// The test file must mock it first:
//   vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
// Everything after that (loading the user, role, sites, permissions) is the real code.
export function signInAs(userId: number | null): void {
  vi.mocked(getServerSession).mockResolvedValue(userId === null ? null : { user: { id: userId }, expires: "2099-01-01T00:00:00.000Z" });
}

export type Who = Role | "warehouse_manager_east" | "anonymous";

// One user per role, plus a warehouse manager limited to the east site.
export async function createRoleUsers(pool: Pool): Promise<Record<Exclude<Who, "anonymous">, number>> {
  const users: [Exclude<Who, "anonymous">, Role, string[]][] = [
    ["viewer", "viewer", []],
    ["warehouse_manager", "warehouse_manager", []],
    ["warehouse_manager_east", "warehouse_manager", ["east"]],
    ["finance", "finance", []],
    ["engineer", "engineer", []],
    ["admin", "admin", []],
  ];
  const ids = {} as Record<Exclude<Who, "anonymous">, number>;
  for (const [who, role, sites] of users) {
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO users (email, role, sites) VALUES ($1, $2, $3) RETURNING id`, [`${who}@example.com`, role, sites]);
    ids[who] = rows[0]!.id;
  }
  return ids;
}

// What Next would answer for a page: 200, a redirect to sign-in, 403 or 404.
export async function pageOutcome(render: () => Promise<unknown>): Promise<200 | 403 | 404 | "signin"> {
  try {
    await render();
    return 200;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT") && digest.includes("/signin")) return "signin";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return 403;
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return 404;
    throw error;
  }
}
