import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

export const revokeApiKeySchema = z.object({ id: z.coerce.number().int().positive() });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeySchema>;

export interface RevokedApiKey {
  id: number;
  prefix: string;
  revokedAt: string;
  alreadyRevoked: boolean;
}

// Revokes a key: the ingest and read APIs look keys up on every request, so the next
// call with it gets 401. Revoking a revoked key changes nothing and writes no audit row.
export async function revokeApiKey(
  pool: Pool,
  actor: Actor,
  input: RevokeApiKeyInput,
  context: AuditContext = {},
): Promise<RevokedApiKey> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      prefix: string;
      name: string | null;
      system: string;
      scopes: string[];
      revoked_at: Date | null;
    }>(
      `SELECT k.prefix, k.name, s.name AS system, k.scopes, k.revoked_at
       FROM api_keys k JOIN systems s ON s.id = k.system_id WHERE k.id = $1 FOR UPDATE OF k`,
      [input.id],
    );
    const key = rows[0];
    if (!key) throw new AppError(404, "There is no API key with this id.");
    if (key.revoked_at)
      return { id: input.id, prefix: key.prefix, revokedAt: key.revoked_at.toISOString(), alreadyRevoked: true };

    const updated = await client.query<{ revoked_at: Date }>(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 RETURNING revoked_at`,
      [input.id],
    );
    const revokedAt = updated.rows[0]!.revoked_at.toISOString();
    const described = { prefix: key.prefix, name: key.name, system: key.system, scopes: key.scopes };
    await writeAuditRow(client, {
      actor: actor.email,
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: String(input.id),
      before: { ...described, revokedAt: null },
      after: { ...described, revokedAt },
      ip: context.ip,
    });
    return { id: input.id, prefix: key.prefix, revokedAt, alreadyRevoked: false };
  });
}
