import type { Actor } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ALL_SITES } from "@/lib/auth/site-scope";

// Command-line tools act as an admin named after the OS user, so their changes are audited
// like anyone else's ("cli:root created user ...").
export function systemActor(name: string): Actor {
  return { userId: 0, email: name, name, role: "admin", scope: ALL_SITES, permissions: ROLE_PERMISSIONS.admin };
}
