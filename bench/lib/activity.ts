// Samples pg_stat_activity while a phase runs: what the backends of one database are
// doing (on CPU, waiting for a lock held by another batch, waiting for the client...).
import pg from "pg";

export interface ActivitySampler {
  stop(): Promise<Record<string, number>>;
}

/** Shares (0..1) of backend-samples per state; "busy" backends only (idle ones are not counted). */
export async function sampleActivity(
  adminUrl: string,
  database: string,
  everyMs = 50,
  withQuery = false,
): Promise<ActivitySampler> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string; n: number }>(
        `SELECT CASE
                  WHEN state = 'idle in transaction' THEN 'idle in transaction (waiting for the client)'
                  WHEN wait_event IS NULL THEN 'running (CPU)'
                  ELSE wait_event_type || ':' || wait_event
                END || CASE WHEN $2 THEN ' <- ' || regexp_replace(left(query, 60), '[[:space:]]+', ' ', 'g') ELSE '' END AS state,
                count(*)::int AS n
         FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND state NOT IN ('idle')
         GROUP BY 1`,
        [database, withQuery],
      );
      for (const r of rows) counts.set(r.state, (counts.get(r.state) ?? 0) + r.n);
      samples++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop.catch(() => undefined);
      await client.end().catch(() => undefined);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const out: Record<string, number> = {};
      for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) out[k] = total ? v / total : 0;
      out["(average busy backends)"] = samples ? total / samples : 0;
      return out;
    },
  };
}
