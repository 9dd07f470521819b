import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { ADMIN_SECTIONS } from "@/components/admin/admin-sections";
import { SignOutButton } from "./sign-out-button";

// Menu items a role cannot use are not shown (the server refuses them anyway). The admin
// sections sit behind one "Admin" item: its index lists the sections the role may open.
function menuItems(actor: Actor): { href: string; label: string }[] {
  const items = can(actor.role, "transactions:read") ? [{ href: "/transactions", label: "Transactions" }] : [];
  if (ADMIN_SECTIONS.some((s) => can(actor.role, s.permission))) items.push({ href: "/admin", label: "Admin" });
  return items;
}

export function MainNav({ actor }: { actor: Actor | null }) {
  return (
    <>
      <nav aria-label="Main">
        <ul className="flex gap-6 text-sm">
          {actor
            ? menuItems(actor).map((i) => (
                <li key={i.href}>
                  <Link href={i.href} className="text-zinc-600 hover:text-zinc-950">
                    {i.label}
                  </Link>
                </li>
              ))
            : null}
        </ul>
      </nav>
      {actor ? (
        <div className="ml-auto flex items-center gap-4 text-sm">
          <span className="text-zinc-500" data-testid="signed-in-as">
            {actor.email} · {ROLE_LABELS[actor.role]}
            {actor.scope.kind === "sites" ? ` · ${actor.scope.sites.join(", ")}` : ""}
          </span>
          <SignOutButton />
        </div>
      ) : null}
    </>
  );
}
