import { getServerSession } from "next-auth";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { can, isRole, type Permission, ROLE_PERMISSIONS, type Role } from "./permissions";
import { type SiteScope, siteScopeOf } from "./site-scope";

// The signed-in person as every server-side check sees them: read fresh from the
// database on each request, so role changes and disabled accounts apply at once.
export interface Actor {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  scope: SiteScope;
  permissions: readonly Permission[];
}

// The id of the session's user, or null. Kept apart so tests can sign someone in
// without a browser (tests/helpers/session.ts).
export async function sessionUserId(): Promise<number | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  return typeof id === "number" ? id : null;
}

export async function loadActor(userId: number): Promise<Actor | null> {
  const { rows } = await getPool().query<{
    id: number;
    email: string;
    name: string | null;
    role: string;
    sites: string[] | null;
  }>(`SELECT id, email, name, role, sites FROM users WHERE id = $1 AND disabled_at IS NULL`, [userId]);
  const u = rows[0];
  if (!u || !isRole(u.role)) return null;
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    scope: siteScopeOf(u.sites ?? []),
    permissions: ROLE_PERMISSIONS[u.role],
  };
}

export async function getActor(): Promise<Actor | null> {
  const id = await sessionUserId();
  return id === null ? null : loadActor(id);
}

// For route handlers and server actions: the actor, or an AppError to answer with.
export async function requireActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError(401, "Sign in to continue.");
  if (!can(actor.role, permission)) throw new AppError(403, `Your role (${actor.role}) may not do this.`);
  return actor;
}
