import { getServerSession } from "next-auth";
import type { Pool } from "pg";
import { beforeAll, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { testActor } from "./actors";
import { insertUser } from "./rows";
import type { TestDatabase } from "./test-database";

// Signs a user in for server code under test, by answering next-auth's getServerSession.
// The test file must mock it first:
//   vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
// Everything after that (loading the user, role, sites, permissions) is the real code.
export function signInAs(userId: number | null): void {
  vi.mocked(getServerSession).mockResolvedValue(
    userId === null ? null : { user: { id: userId }, expires: "2099-01-01T00:00:00.000Z" },
  );
}

export type Who = Role | "warehouse_manager_east" | "anonymous";
export type RoleUser = Exclude<Who, "anonymous">;
export type RoleUserIds = Record<RoleUser, number>;

// One user per role, plus a warehouse manager limited to the east site.
const ROLE_USERS: [RoleUser, Role, string[]][] = [
  ["viewer", "viewer", []],
  ["warehouse_manager", "warehouse_manager", []],
  ["warehouse_manager_east", "warehouse_manager", ["east"]],
  ["finance", "finance", []],
  ["engineer", "engineer", []],
  ["admin", "admin", []],
];

export async function createRoleUsers(pool: Pool): Promise<RoleUserIds> {
  const ids = {} as RoleUserIds;
  for (const [who, role, sites] of ROLE_USERS)
    ids[who] = await insertUser(pool, { email: `${who}@example.com`, role, sites });
  return ids;
}

// The role users in the test file's database, created before its tests (after the database):
// `ids` is filled in then; `signIn` signs one in, or nobody for "anonymous" or null.
export function useRoleUsers(db: TestDatabase): { ids: RoleUserIds; signIn(who: Who | null): void } {
  const ids = {} as RoleUserIds;
  beforeAll(async () => {
    Object.assign(ids, await createRoleUsers(db.pool));
  });
  return { ids, signIn: (who) => signInAs(who === null || who === "anonymous" ? null : ids[who]) };
}

// The Actor the server code loads for one of the role users, for calling a service directly.
export function roleUserActor(ids: RoleUserIds, who: RoleUser): Actor {
  const [, role, sites] = ROLE_USERS.find(([name]) => name === who)!;
  return testActor(role, { userId: ids[who], email: `${who}@example.com`, sites });
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
