import type { Permission } from "@/lib/auth/permissions";

// The admin area's sections and who may open each; the index shows only the allowed ones.
export const ADMIN_SECTIONS: { href: string; title: string; description: string; permission: Permission }[] = [
  { href: "/admin/api-keys", title: "API keys", description: "Keys your middleware uses to send events and read transactions: create, see when they were last used, revoke.", permission: "admin:api_keys" },
  { href: "/admin/users", title: "Users", description: "Who can sign in, their role and the sites they see; disable accounts.", permission: "admin:users" },
  { href: "/admin/redaction", title: "Redaction", description: "Payload fields masked at ingest, before anything is stored.", permission: "admin:redaction" },
  { href: "/admin/audit", title: "Audit log", description: "Sign-in failures, replays, payload edits, manual resolutions and every admin change; filter and export as CSV.", permission: "audit:read" },
];
