// Who may do what. The one table the server consults for every page, route handler and
// server action; the UI asks it too, but only to hide what would be refused anyway.

export const ROLES = ["viewer", "warehouse_manager", "finance", "engineer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "transactions:read", // lists, counts, charts, search, transaction pages
  "values:read", // monetary values of transactions
  "financials:read", // finance views (unposted loads, invoicing cycle time)
  "payloads:read", // message payloads at each hop
  "transactions:replay",
  "transactions:edit_replay",
  "transactions:force_replay", // replay what already succeeded or was resolved
  "transactions:resolve", // close by hand, with a reason: resolved (fixed elsewhere) or cancelled
  "invoices:resolve",
  "audit:read",
  "admin:users",
  "admin:systems",
  "admin:workflows",
  "admin:api_keys",
  "admin:redaction",
  "admin:alerts", // alert rules and channels
  "admin:storage", // table and partition sizes, retention settings and runs
  "alerts:read", // alert history
  // acknowledge (own), resolve and reopen failure issues; site-scoped roles only issues seen at their sites
  "issues:manage",
  // whether the background work (replays, rollups, alerts, issue sync) is running: the banner
  "health:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ["transactions:read"],
  warehouse_manager: ["transactions:read", "values:read", "transactions:replay", "issues:manage"],
  finance: ["transactions:read", "values:read", "financials:read", "invoices:resolve"],
  engineer: [
    "transactions:read",
    "values:read",
    "financials:read",
    "payloads:read",
    "transactions:replay",
    "transactions:edit_replay",
    "transactions:force_replay",
    "transactions:resolve",
    "alerts:read",
    "issues:manage",
    "health:read",
  ],
  admin: PERMISSIONS,
};

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  warehouse_manager: "Warehouse manager",
  finance: "Finance",
  engineer: "Engineer",
  admin: "Admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
