import type { Pool } from "pg";
import type { AlertMessage } from "@/lib/domain/alerts/message";
import { channelConfig } from "@/lib/jobs/alerts/channel-config";
import { sendNotification } from "@/lib/jobs/alerts/send-notification";

// Sends the notifications the evaluation queued (alert_notifications is an outbox; see the
// alerts migration). Each is claimed with a conditional update first, so two workers never
// send the same one; sent outside any transaction; its outcome recorded. A failed send is
// retried on the next evaluation, up to MAX_ATTEMPTS; a worker that died mid-send leaves a
// lease that expires, and the next one sends it again.

export const MAX_ATTEMPTS = 5;
const LEASE_MS = 2 * 60_000;
const BATCH = 100;

export interface DeliveryResult {
  sent: number;
  failed: number;
}

interface Claimed {
  id: string;
  message: AlertMessage;
  kind: string;
  settings: unknown;
  secret: string | null;
}

export async function deliverAlertNotifications(pool: Pool, now = new Date()): Promise<DeliveryResult> {
  const { rows } = await pool.query<Claimed>(
    `UPDATE alert_notifications n
     SET status = 'sending', attempts = n.attempts + 1, lease_until = $1::timestamptz + $3 * interval '1 millisecond'
     FROM alert_channels c
     WHERE c.id = n.channel_id AND n.id IN (
       SELECT id FROM alert_notifications
       WHERE attempts < $2 AND (status = 'pending' OR status = 'failed' OR (status = 'sending' AND lease_until < $1))
       ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING n.id::text, n.message, c.kind, c.settings, c.secret`,
    [now, MAX_ATTEMPTS, LEASE_MS],
  );
  const outcomes = await Promise.all(
    rows.map(async (r) => {
      try {
        return await sendNotification(channelConfig(r), r.message);
      } catch (error) {
        // channelConfig: a secret that cannot be decrypted (key missing or changed).
        return { ok: false, response: (error as Error).message };
      }
    }),
  );
  for (const [i, r] of rows.entries()) {
    const o = outcomes[i]!;
    await pool.query(
      `UPDATE alert_notifications
       SET status = $2, lease_until = NULL, sent_at = CASE WHEN $3 THEN $5::timestamptz END,
           response = CASE WHEN $3 THEN $4 ELSE response END, error = CASE WHEN $3 THEN NULL ELSE $4 END
       WHERE id = $1 AND status = 'sending'`,
      [r.id, o.ok ? "sent" : "failed", o.ok, o.response, now],
    );
  }
  return { sent: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok).length };
}
