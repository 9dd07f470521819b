import type { PoolClient } from "pg";

// Where a transaction's replay goes: the replay endpoint of its target system (the ERP
// for a shipment confirmation) when it has one, else that of the system that sent it
// (the middleware that can redeliver it).
export const REPLAY_SYSTEM_SQL = `COALESCE(
  (SELECT s.id FROM systems s WHERE s.name = t.target_system AND s.replay_endpoint IS NOT NULL),
  (SELECT s.id FROM systems s WHERE s.id = t.sender_system_id AND s.replay_endpoint IS NOT NULL))`;

export interface ReplayableTransaction {
  id: string;
  status: string;
  site: string | null;
  systemId: number | null;
  systemName: string | null;
  endpoint: string | null;
}

export async function loadReplayable(
  client: PoolClient,
  id: string,
  lock: boolean,
): Promise<ReplayableTransaction | null> {
  const { rows } = await client.query<{ id: string; status: string; site: string | null; system_id: number | null }>(
    `SELECT t.id, t.status, sites.code AS site, ${REPLAY_SYSTEM_SQL} AS system_id
     FROM transactions t LEFT JOIN sites ON sites.id = t.site_id WHERE t.id = $1 ${lock ? "FOR UPDATE OF t" : ""}`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const system =
    row.system_id === null
      ? null
      : (
          await client.query<{ name: string; replay_endpoint: string }>(
            "SELECT name, replay_endpoint FROM systems WHERE id = $1",
            [row.system_id],
          )
        ).rows[0];
  return {
    id: row.id,
    status: row.status,
    site: row.site,
    systemId: row.system_id,
    systemName: system?.name ?? null,
    endpoint: system?.replay_endpoint ?? null,
  };
}
