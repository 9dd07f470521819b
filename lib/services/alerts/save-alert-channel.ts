import type { Pool, PoolClient } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret, SecretKeyError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { type EmailSettings, urlHint } from "@/lib/jobs/alerts/channel-config";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { checkOutboundFields } from "../check-outbound-fields";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import type { CreateAlertChannelInput, UpdateAlertChannelInput } from "./alert-channel-schema";

// Creating, editing and deleting alert channels. The webhook URL (it carries the token)
// and the SMTP password are encrypted before they reach the database and never appear in
// the audit log: it records "set", "replaced" or "not set".

export interface SavedAlertChannel {
  id: number;
  name: string;
}

const UNIQUE_VIOLATION = "23505";

export async function createAlertChannel(
  pool: Pool,
  actor: Actor,
  input: CreateAlertChannelInput,
  context: AuditContext = {},
): Promise<SavedAlertChannel> {
  await checkOutboundFields(outboundOf(input));
  const { settings, secret } = stored(input, null, {});
  return withUniqueName(input.name, () =>
    inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO alert_channels (name, kind, settings, secret, enabled) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.name, input.kind, JSON.stringify(settings), secret, input.enabled],
      );
      const id = rows[0]!.id;
      await writeAuditRow(client, {
        actor: actor.email,
        action: "alert_channel.create",
        targetType: "alert_channel",
        targetId: String(id),
        after: audited(input.name, input.kind, settings, secret, input.enabled),
        ip: context.ip,
      });
      return { id, name: input.name };
    }),
  );
}

export async function updateAlertChannel(
  pool: Pool,
  actor: Actor,
  input: UpdateAlertChannelInput,
  context: AuditContext = {},
): Promise<SavedAlertChannel> {
  await checkOutboundFields(outboundOf(input));
  return withUniqueName(input.name, () =>
    inTransaction(pool, async (client) => {
      const current = await lockChannel(client, input.id);
      if (current.kind !== input.kind)
        throw new AppError(400, "A channel's kind cannot change; create a new channel instead.");
      const { settings, secret } = stored(input, current.secret, current.settings);
      await client.query(
        `UPDATE alert_channels SET name = $2, settings = $3, secret = $4, enabled = $5, updated_at = now() WHERE id = $1`,
        [input.id, input.name, JSON.stringify(settings), secret, input.enabled],
      );
      const before = audited(current.name, current.kind, current.settings, current.secret, current.enabled);
      const after = audited(input.name, input.kind, settings, secret, input.enabled);
      if (secret !== current.secret && current.secret) after.secret = "replaced";
      await writeAuditRow(client, {
        actor: actor.email,
        action: "alert_channel.update",
        targetType: "alert_channel",
        targetId: String(input.id),
        before,
        after,
        ip: context.ip,
      });
      return { id: input.id, name: input.name };
    }),
  );
}

export async function setAlertChannelEnabled(
  pool: Pool,
  actor: Actor,
  id: number,
  enabled: boolean,
  context: AuditContext = {},
): Promise<SavedAlertChannel> {
  return inTransaction(pool, async (client) => {
    const current = await lockChannel(client, id);
    await client.query(`UPDATE alert_channels SET enabled = $2, updated_at = now() WHERE id = $1`, [id, enabled]);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "alert_channel.update",
      targetType: "alert_channel",
      targetId: String(id),
      before: { name: current.name, enabled: current.enabled },
      after: { name: current.name, enabled },
      ip: context.ip,
    });
    return { id, name: current.name };
  });
}

export async function deleteAlertChannel(
  pool: Pool,
  actor: Actor,
  id: number,
  context: AuditContext = {},
): Promise<SavedAlertChannel> {
  return inTransaction(pool, async (client) => {
    const current = await lockChannel(client, id);
    // Unsent notifications would otherwise wait for a channel that no longer exists.
    await client.query(
      `UPDATE alert_notifications SET status = 'failed', error = 'The channel was deleted.', lease_until = NULL WHERE channel_id = $1 AND status <> 'sent'`,
      [id],
    );
    await client.query(`DELETE FROM alert_channels WHERE id = $1`, [id]);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "alert_channel.delete",
      targetType: "alert_channel",
      targetId: String(id),
      before: audited(current.name, current.kind, current.settings, current.secret, current.enabled),
      ip: context.ip,
    });
    return { id, name: current.name };
  });
}

interface ChannelRow {
  name: string;
  kind: string;
  settings: Record<string, unknown>;
  secret: string | null;
  enabled: boolean;
}

async function lockChannel(client: PoolClient, id: number): Promise<ChannelRow> {
  const { rows } = await client.query<ChannelRow>(
    `SELECT name, kind, settings, secret, enabled FROM alert_channels WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw new AppError(404, "There is no alert channel with this id.");
  return rows[0];
}

// Settings and (encrypted) secret as stored; a blank secret on an edit keeps the current one.
function stored(
  input: CreateAlertChannelInput,
  currentSecret: string | null,
  currentSettings: Record<string, unknown>,
): { settings: Record<string, unknown>; secret: string | null } {
  if (input.kind === "email") {
    const settings: EmailSettings = {
      host: input.host!,
      port: input.port!,
      secure: input.secure,
      user: input.user,
      from: input.from!,
      to: input.to,
    };
    return { settings, secret: input.password ? sealed(input.password) : input.user ? currentSecret : null };
  }
  return input.url
    ? { settings: { urlHint: urlHint(input.url) }, secret: sealed(input.url) }
    : { settings: currentSettings, secret: currentSecret };
}

// Where the channel sends: the webhook URL when a new one is entered, or the SMTP host.
function outboundOf(input: CreateAlertChannelInput): Parameters<typeof checkOutboundFields>[0] {
  return input.kind === "email" ? { hosts: { host: input.host } } : { urls: { url: input.url } };
}

function audited(
  name: string,
  kind: string,
  settings: Record<string, unknown>,
  secret: string | null,
  enabled: boolean,
): Record<string, unknown> {
  return { name, kind, ...settings, secret: secret ? "set" : "not set", enabled };
}

function sealed(plain: string): string {
  try {
    return encryptSecret(plain);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new AppError(409, `The secret cannot be stored: ${error.message}`);
    throw error;
  }
}

async function withUniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new AppError(409, `An alert channel named ${name} already exists.`);
    throw error;
  }
}
