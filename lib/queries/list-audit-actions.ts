import type { PrismaClient } from "@/lib/generated/prisma/client";

// Actions the admin area and sign-in write; other features add theirs (replays, payload
// edits, manual resolutions) and appear in the filter once they have been recorded.
export const KNOWN_AUDIT_ACTIONS = [
  "auth.signin_failed",
  "api_key.create",
  "api_key.revoke",
  "user.create",
  "user.update",
  "redaction_rule.add",
  "redaction_rule.remove",
  "workflow.create",
  "workflow.update",
  "system.create",
  "system.update",
  "cloudevent_type.set",
  "cloudevent_type.remove",
  "alert_rule.create",
  "alert_rule.update",
  "alert_rule.delete",
  "alert_channel.create",
  "alert_channel.update",
  "alert_channel.delete",
  "retention.update",
] as const;

// The known actions plus every action recorded so far, alphabetically. The distinct list
// is read with a skip scan over the (action, at) index, one probe per action, not a scan of the log.
export async function listAuditActions(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE a AS (
      (SELECT action FROM audit_log ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT l.action FROM audit_log l WHERE l.action > a.action ORDER BY l.action LIMIT 1) FROM a WHERE a.action IS NOT NULL
    )
    SELECT action FROM a WHERE action IS NOT NULL`;
  return [...new Set([...KNOWN_AUDIT_ACTIONS, ...rows.map((r) => r.action)])].sort();
}
