import type { Pool } from "pg";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { checkRecord } from "@/lib/jobs/replay/check-record";
import { REPLAY_SYSTEM_SQL } from "./replay-target-of";

// For the bulk estimate: asks each target's record check, as delivery will, which of the
// replayable transactions it already holds, so the estimate can say "3 already posted will
// be skipped". Bounded so opening the dialog stays quick and gentle on the target: a few
// checks at once, the first LIMIT only, and an overall budget. Anything not answered is
// "unchecked": it is still sent, and delivery asks again first, so nothing is lost.

export const CHECK_LIMIT = 500;
export const CHECK_CONCURRENCY = 8;
export const CHECK_BUDGET_MS = 15_000;

export interface RecordsAhead {
  postedIds: string[];
  unchecked: number;
}

interface Checkable {
  id: string;
  workflow: string;
  business_key: string;
  record_check_url: string;
  replay_auth_header: string | null;
  replay_timeout_ms: number;
  checkable: number;
}

export async function checkRecordsAhead(
  pool: Pool,
  ids: string[],
  statuses: string[],
  limits = { max: CHECK_LIMIT, concurrency: CHECK_CONCURRENCY, budgetMs: CHECK_BUDGET_MS },
): Promise<RecordsAhead> {
  // Delivery asks only when the system has a record check and the transaction a business key.
  const { rows } = await pool.query<Checkable>(
    `SELECT t.id, w.name AS workflow, t.business_key, s.record_check_url, s.replay_auth_header, s.replay_timeout_ms, count(*) OVER ()::int AS checkable
     FROM transactions t JOIN workflows w ON w.id = t.workflow_id JOIN systems s ON s.id = ${REPLAY_SYSTEM_SQL}
     WHERE t.id = ANY($1::uuid[]) AND t.status = ANY($2::text[]) AND s.record_check_url IS NOT NULL AND t.business_key IS NOT NULL
     ORDER BY t.first_event_at, t.id LIMIT $3`,
    [ids, statuses, limits.max],
  );
  const budget = AbortSignal.timeout(limits.budgetMs);
  const postedIds: string[] = [];
  let answered = 0;
  let next = 0;
  const lane = async () => {
    while (next < rows.length && !budget.aborted) {
      const r = rows[next++]!;
      try {
        const check = await checkRecord({
          recordCheckUrl: r.record_check_url,
          workflow: r.workflow,
          businessKey: r.business_key,
          authHeader: r.replay_auth_header ? decryptSecret(r.replay_auth_header) : null,
          timeoutMs: r.replay_timeout_ms,
          signal: budget,
        });
        if (check.kind === "exists") postedIds.push(r.id);
        if (check.kind !== "other") answered += 1;
      } catch {
        // Timeout, network error or an unreadable secret: unchecked, delivery asks again.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, rows.length) }, lane));
  return { postedIds, unchecked: (rows[0]?.checkable ?? 0) - answered };
}
