import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS, type Role } from "@/lib/auth/permissions";
import { siteScopeOf } from "@/lib/auth/site-scope";

// The signed-in person as services see them, for calling a service directly: the role's
// permissions, every site unless `sites` limits them. No user row is needed unless the
// service looks the user up (then pass the userId of one that exists).
export function testActor(role: Role, overrides: { userId?: number; email?: string; sites?: string[] } = {}): Actor {
  return {
    userId: overrides.userId ?? 1,
    email: overrides.email ?? `${role}@example.test`,
    name: null,
    role,
    scope: siteScopeOf(overrides.sites ?? []),
    permissions: ROLE_PERMISSIONS[role],
  };
}
