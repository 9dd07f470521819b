import type { Pool } from "pg";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { urlHint } from "@/lib/jobs/alerts/channel-config";

export const DEMO_ALERT_RULE = "Shipment confirmations stuck at east";
const DEMO_CHANNEL = "Demo console";

// The demo's example rule: the value of east's stuck shipment confirmations over 100,000 USD,
// sent to the demo console's receiver. It follows the demo's story: the customer-master
// backlog fires it at once; fixing the cause and replaying the group clears it (the few
// confirmations stuck for other reasons stay under the threshold). A failure-rate rule
// would not: shipment confirmations arrive a few per minute, too few for a short window.
// Idempotent; the receiver's URL changes per run, so the channel is re-pointed. A rule an
// admin already changed is left as it is.
export async function seedDemoAlert(pool: Pool, receiverUrl: string): Promise<void> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO alert_channels (name, kind, settings, secret) VALUES ($1, 'webhook', $2, $3)
     ON CONFLICT (name) DO UPDATE SET settings = EXCLUDED.settings, secret = EXCLUDED.secret, updated_at = now() RETURNING id`,
    [DEMO_CHANNEL, JSON.stringify({ urlHint: urlHint(receiverUrl) }), encryptSecret(receiverUrl)],
  );
  const { rows: rule } = await pool.query<{ id: number }>(
    `INSERT INTO alert_rules (name, kind, workflow_id, site_id, threshold, currency, repeat_minutes)
     SELECT $1, 'stuck_value', w.id, s.id, 100000, 'USD', 30 FROM workflows w, sites s WHERE w.name = 'shipment_confirmation' AND s.code = 'east'
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [DEMO_ALERT_RULE],
  );
  if (rule[0])
    await pool.query(`INSERT INTO alert_rule_channels (rule_id, channel_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      rule[0].id,
      rows[0]!.id,
    ]);
}
