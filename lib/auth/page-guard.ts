import { forbidden, redirect } from "next/navigation";
import { type Actor, getActor } from "./actor";
import { can, type Permission } from "./permissions";

// For pages: the signed-in actor allowed `permission`; otherwise to the sign-in page
// (no session) or the 403 page (session, but not allowed).
export async function requirePageActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (!can(actor.role, permission)) forbidden();
  return actor;
}
