import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can, ROLE_LABELS, type Permission } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";

// Menu items a role cannot use are not shown (the server refuses them anyway).
const ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: "/transactions", label: "Transactions", permission: "transactions:read" },
  { href: "/admin/api-keys", label: "API keys", permission: "admin:api_keys" },
  { href: "/admin/users", label: "Users", permission: "admin:users" },
  { href: "/admin/redaction", label: "Redaction", permission: "admin:redaction" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
];

export function MainNav({ actor }: { actor: Actor | null }) {
  return (
    <>
      <nav aria-label="Main">
        <ul className="flex gap-6 text-sm">
          {actor
            ? ITEMS.filter((i) => can(actor.role, i.permission)).map((i) => (
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
