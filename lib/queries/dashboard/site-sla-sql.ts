import { Prisma } from "@/lib/generated/prisma/client";

// The SLA a transaction is judged by: its site's override of its workflow's SLA
// (workflow_site_slas), else the workflow's own (workflows.sla_minutes). Every query that
// judges "stuck" uses these fragments, with the workflow as `w` and the transaction as `t`.

// FROM-list item after `workflows w`: the shortest SLA any site has for the workflow. It is
// the bound of the range scan on transactions_open_idx; `stuckAt` then applies each
// transaction's own SLA to the few rows the bound lets through.
export const SHORTEST_SLA = Prisma.sql`CROSS JOIN LATERAL (
  SELECT least(w.sla_minutes, min(o.sla_minutes)) AS minutes FROM workflow_site_slas o WHERE o.workflow_id = w.id
) shortest_sla`;

// Joined to `transactions t`: the override for the transaction's site, if any.
export const SITE_SLA_JOIN = Prisma.sql`LEFT JOIN workflow_site_slas site_sla ON site_sla.workflow_id = t.workflow_id AND site_sla.site_id = t.site_id`;

// No progress for longer than the transaction's SLA at `now` (needs SITE_SLA_JOIN).
export function stuckAt(now: Date): Prisma.Sql {
  return Prisma.sql`t.last_event_at < ${now}::timestamptz - coalesce(site_sla.sla_minutes, w.sla_minutes) * interval '1 minute'`;
}

// The index-usable bound that comes with `stuckAt` (needs SHORTEST_SLA).
export function possiblyStuckAt(now: Date): Prisma.Sql {
  return Prisma.sql`t.last_event_at < ${now}::timestamptz - shortest_sla.minutes * interval '1 minute'`;
}
