import type { Pool } from "pg";
import type { AlertMessage } from "@/lib/domain/alerts/message";
import { AppError } from "@/lib/errors";
import { channelConfig } from "@/lib/jobs/alerts/channel-config";
import { type SendOutcome, sendNotification } from "@/lib/jobs/alerts/send-notification";

// "Send test" on a channel: a message shaped like a real alert (event "test"), sent now,
// with the outcome shown to the admin. Nothing is stored: it is not an alert.
export async function sendTestNotification(
  pool: Pool,
  channelId: number,
  publicUrl: string,
  now = new Date(),
): Promise<SendOutcome> {
  const { rows } = await pool.query<{ name: string; kind: string; settings: unknown; secret: string | null }>(
    `SELECT name, kind, settings, secret FROM alert_channels WHERE id = $1`,
    [channelId],
  );
  const channel = rows[0];
  if (!channel) throw new AppError(404, "There is no alert channel with this id.");
  let config: ReturnType<typeof channelConfig>;
  try {
    config = channelConfig(channel);
  } catch (error) {
    return { ok: false, response: (error as Error).message };
  }
  return sendNotification(config, testMessage(channel.name, publicUrl, now));
}

export function testMessage(channelName: string, publicUrl: string, now: Date): AlertMessage {
  return {
    rule: "Test notification",
    rule_id: 0,
    kind: "failure_rate",
    event: "test",
    state: "firing",
    value: 12.5,
    threshold: 5,
    unit: "%",
    workflow: "shipment_confirmation",
    site: null,
    system: null,
    summary: `A test from Crossdock to the channel ${channelName}: if you can read this, alerts will reach you here.`,
    started_at: now.toISOString(),
    resolved_at: null,
    link: `${publicUrl.replace(/\/+$/, "")}/alerts`,
  };
}
