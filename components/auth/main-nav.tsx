import type { Actor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { menuItems } from "./menu-items";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function MainNav({ actor }: { actor: Actor | null }) {
  return actor ? <NavLinks items={menuItems(actor)} /> : null;
}

// Who is signed in; the email gives way first when the header runs out of room.
export function SignedInAs({ actor }: { actor: Actor }) {
  return (
    <div className="flex shrink-0 items-center gap-4 text-sm">
      <span className="max-w-72 truncate text-zinc-500" data-testid="signed-in-as" title={actor.email}>
        {actor.email} · {ROLE_LABELS[actor.role]}
        {actor.scope.kind === "sites" ? ` · ${actor.scope.sites.join(", ")}` : ""}
      </span>
      <SignOutButton />
    </div>
  );
}
