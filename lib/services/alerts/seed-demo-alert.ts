import type { Pool } from "pg";
import { urlHint } from "@/lib/alerts/channel-config";
import { encryptSecret } from "@/lib/crypto/secret-box";

export const DEMO_ALERT_RULE = "Shipment confirmations failing at east";
const DEMO_CHANNEL = "Demo console";

// The demo's example rule: east's shipment confirmation failure rate over 5 minutes (a short
// window, so recovery shows a few minutes after the fix), sent to the demo console's
// receiver. Idempotent; the receiver's URL changes per run, so the channel is re-pointed.
// A rule an admin already changed is left as it is.
export async function seedDemoAlert(pool: Pool, receiverUrl: string): Promise<void> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO alert_channels (name, kind, settings, secret) VALUES ($1, 'webhook', $2, $3)
     ON CONFLICT (name) DO UPDATE SET settings = EXCLUDED.settings, secret = EXCLUDED.secret, updated_at = now() RETURNING id`,
    [DEMO_CHANNEL, JSON.stringify({ urlHint: urlHint(receiverUrl) }), encryptSecret(receiverUrl)],
  );
  const { rows: rule } = await pool.query<{ id: number }>(
    `INSERT INTO alert_rules (name, kind, workflow_id, site_id, threshold, window_minutes, min_count, repeat_minutes)
     SELECT $1, 'failure_rate', w.id, s.id, 5, 5, 10, 30 FROM workflows w, sites s WHERE w.name = 'shipment_confirmation' AND s.code = 'east'
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [DEMO_ALERT_RULE],
  );
  if (rule[0]) await pool.query(`INSERT INTO alert_rule_channels (rule_id, channel_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [rule[0].id, rows[0]!.id]);
}
