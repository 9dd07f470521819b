import { ADMIN_SECTIONS } from "@/components/admin/admin-sections";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";

export interface MenuItem {
  href: string;
  label: string;
}

// The views in the order people work through them: what is on fire, what it blocks, why, how we do.
const VIEWS: (MenuItem & { permission: Permission })[] = [
  { href: "/", label: "Overview", permission: "transactions:read" },
  { href: "/stuck", label: "Stuck work", permission: "transactions:read" },
  { href: "/finance", label: "Finance", permission: "financials:read" },
  { href: "/failures", label: "Failures", permission: "transactions:read" },
  { href: "/kpis", label: "KPIs", permission: "transactions:read" },
  { href: "/transactions", label: "Transactions", permission: "transactions:read" },
  { href: "/alerts", label: "Alerts", permission: "alerts:read" },
];

// Menu items a role cannot use are not shown (the server refuses them anyway). The admin
// sections sit behind one "Admin" item: its index lists the sections the role may open.
export function menuItems(actor: Actor): MenuItem[] {
  const items: MenuItem[] = VIEWS.filter((v) => can(actor.role, v.permission)).map(({ href, label }) => ({
    href,
    label,
  }));
  if (ADMIN_SECTIONS.some((s) => can(actor.role, s.permission))) items.push({ href: "/admin", label: "Admin" });
  return items;
}
