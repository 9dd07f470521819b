import type { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inScope } from "@/lib/auth/site-scope";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { originalPayload } from "@/lib/services/replay/original-payload";
import { FORCE_REPLAYABLE, idempotencyKeyOf, refusalOf } from "@/lib/services/replay/replay-rules";
import { loadReplayable } from "@/lib/services/replay/replay-target-of";

// What a replay would send where, for the confirmation dialog: the target system and the
// endpoint's host (never the full URL's secrets), the idempotency key, a summary of the
// payload, and whether it may go now, only with force, or not at all.
export interface ReplayPreview {
  transactionId: string;
  status: string;
  target: { system: string; host: string } | null;
  idempotencyKey: string;
  payload: { bytes: number; keys: string[] } | null;
  original: unknown; // the payload itself, only for those who may read payloads (the editor)
  refusal: string | null; // why it cannot be replayed without force; null: it can
  forceable: boolean; // force would allow it
}

export async function getReplayPreview(pool: Pool, actor: Actor, transactionId: string): Promise<ReplayPreview | null> {
  return inTransaction(pool, async (client) => {
    const tx = await loadReplayable(client, transactionId, false);
    if (!tx || !inScope(actor.scope, tx.site)) return null;
    const payload = await originalPayload(client, tx.id);
    const text = payload === null ? null : JSON.stringify(payload);
    return {
      transactionId: tx.id,
      status: tx.status,
      target: tx.systemName && tx.endpoint ? { system: tx.systemName, host: hostOf(tx.endpoint) } : null,
      idempotencyKey: idempotencyKeyOf(tx.id),
      payload:
        text === null
          ? null
          : {
              bytes: Buffer.byteLength(text),
              keys:
                payload && typeof payload === "object" && !Array.isArray(payload)
                  ? Object.keys(payload).slice(0, 20)
                  : [],
            },
      original: can(actor.role, "payloads:read") ? payload : null,
      refusal: refusalOf(tx.status, false),
      forceable: (FORCE_REPLAYABLE as readonly string[]).includes(tx.status),
    };
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
