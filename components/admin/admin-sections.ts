import type { Permission } from "@/lib/auth/permissions";

// The admin area's sections and who may open each; the index shows only the allowed ones.
export const ADMIN_SECTIONS: { href: string; title: string; description: string; permission: Permission }[] = [
  {
    href: "/admin/workflows",
    title: "Workflows",
    description:
      "The catalogue of business flows: direction, owner, system of record and SLA; register workflows first seen at ingest.",
    permission: "admin:workflows",
  },
  {
    href: "/admin/systems",
    title: "Systems",
    description: "The applications that exchange messages: kind, site and replay endpoint.",
    permission: "admin:systems",
  },
  {
    href: "/admin/api-keys",
    title: "API keys",
    description:
      "Keys your middleware uses to send events and read transactions: create, see when they were last used, revoke.",
    permission: "admin:api_keys",
  },
  {
    href: "/admin/users",
    title: "Users",
    description: "Who can sign in, their role and the sites they see; disable accounts.",
    permission: "admin:users",
  },
  {
    href: "/admin/redaction",
    title: "Redaction",
    description: "Payload fields masked at ingest, before anything is stored.",
    permission: "admin:redaction",
  },
  {
    href: "/admin/alerts",
    title: "Alerts",
    description:
      "Rules on failure rate, stuck work, latency and silent systems, and the webhook, Slack and email channels they notify; send a test.",
    permission: "admin:alerts",
  },
  {
    href: "/admin/storage",
    title: "Storage",
    description:
      "Size and rows per table and day partition, daily growth and where it ends up; how long payloads, events and rollups are kept, and the retention runs.",
    permission: "admin:storage",
  },
  {
    href: "/admin/audit",
    title: "Audit log",
    description:
      "Sign-in failures, replays, payload edits, manual resolutions and every admin change; filter and export as CSV.",
    permission: "audit:read",
  },
];
