import type { Pool, PoolClient } from "pg";
import { type IssueState, isIssueState, syncTransition } from "@/lib/domain/issue-state";
import { withAdvisoryLock } from "../with-advisory-lock";

// Keeps failure_issues current from the transactions (design: the failure_issues
// migration). One pass: read the open failures per error signature (an index-only scan of
// transactions_open_failures_idx), then
//  - open an issue for a signature with open failures and no issue yet;
//  - move first/last seen and the sites of the ones that have them;
//  - reopen a resolved issue when one of its failures arrived after it was resolved;
//  - resolve an unresolved issue with nothing left open or being worked on.
// The decisions are lib/domain/issue-state.ts; this file reads and writes in bulk.
//
// Callers: the worker, every ISSUE_SYNC_MS (lib/jobs/issues/issue-syncer.ts), and tests and
// tools that need a sync now. Request paths never sync, so a read never waits on
// maintenance. An advisory lock lets one sync run at a time; a state change made by a person while a sync
// runs wins, because the sync's updates only apply to rows still in the state it read.

export const ISSUE_SYNC_LOCK_ID = 72707372;
const OPEN = ["failed", "dead_lettered"];

export interface IssueSyncResult {
  opened: number;
  reopened: number;
  autoResolved: number;
  ms: number;
}

interface LiveRow {
  signature: string;
  open: number;
  working: number;
  first_at: Date | null;
  last_at: Date | null;
  arrived_at: Date | null;
  error_code: string | null;
  sites: string[];
}

interface IssueRow {
  id: number;
  error_signature: string;
  state: string;
  resolved_at: Date | null;
  held_open: boolean;
}

export async function syncFailureIssues(pool: Pool): Promise<IssueSyncResult> {
  const started = performance.now();
  // Waits for the lock: a caller asking for a sync gets one, after any that is running.
  const result = await withAdvisoryLock(pool, ISSUE_SYNC_LOCK_ID, true, async (client) => {
    const live = await readLive(client);
    const issues = await readIssues(
      client,
      live.map((l) => l.signature),
    );
    const changes = await apply(client, live, issues);
    return { ...changes, ms: performance.now() - started };
  });
  return result!;
}

// Per signature: failures waiting for a person (open), ones being retried or replayed
// (working: they keep an issue from resolving itself), when the open ones failed and when
// the latest of them arrived (updated_at: a late-arriving failure with an old timestamp is
// still news after a resolution).
async function readLive(client: PoolClient): Promise<LiveRow[]> {
  const { rows } = await client.query<LiveRow>(
    `SELECT l.signature, l.open, l.working, l.first_at, l.last_at, l.arrived_at, l.error_code,
            coalesce((SELECT array_agg(s.code ORDER BY s.code) FROM sites s WHERE s.id = ANY(l.site_ids)), '{}') AS sites
     FROM (
       SELECT t.error_signature AS signature,
              count(*) FILTER (WHERE t.status = ANY($1::text[]))::int AS open,
              count(*) FILTER (WHERE NOT t.status = ANY($1::text[]))::int AS working,
              min(t.last_event_at) FILTER (WHERE t.status = ANY($1::text[])) AS first_at,
              max(t.last_event_at) FILTER (WHERE t.status = ANY($1::text[])) AS last_at,
              max(t.updated_at) FILTER (WHERE t.status = ANY($1::text[])) AS arrived_at,
              min(t.error_code) AS error_code,
              array_agg(DISTINCT t.site_id) FILTER (WHERE t.status = ANY($1::text[]) AND t.site_id IS NOT NULL) AS site_ids
       FROM transactions t
       WHERE t.status IN ('failed', 'dead_lettered', 'retrying', 'replaying') AND t.error_signature IS NOT NULL
       GROUP BY t.error_signature
     ) l`,
    [OPEN],
  );
  return rows;
}

// The unresolved issues (they may resolve themselves) and the ones with live failures.
async function readIssues(client: PoolClient, signatures: string[]): Promise<Map<string, IssueRow>> {
  const { rows } = await client.query<IssueRow>(
    `SELECT id, error_signature, state, resolved_at, held_open FROM failure_issues WHERE state <> 'resolved' OR error_signature = ANY($1::text[])`,
    [signatures],
  );
  return new Map(rows.map((r) => [r.error_signature, r]));
}

async function apply(
  client: PoolClient,
  live: LiveRow[],
  issues: Map<string, IssueRow>,
): Promise<Omit<IssueSyncResult, "ms">> {
  const fresh = live.filter((l) => l.open > 0 && !issues.has(l.signature));
  const seen = live.filter((l) => l.open > 0 && issues.has(l.signature));
  const liveBySignature = new Map(live.map((l) => [l.signature, l]));
  const changes: { id: number; from: IssueState; to: IssueState; event: string; at: Date | null; note: string }[] = [];
  for (const issue of issues.values()) {
    if (!isIssueState(issue.state)) continue;
    const l = liveBySignature.get(issue.error_signature);
    const change = syncTransition(
      { state: issue.state, resolvedAt: issue.resolved_at, heldOpen: issue.held_open },
      { open: l?.open ?? 0, working: l?.working ?? 0, lastArrivedAt: l?.arrived_at ?? null },
    );
    if (!change) continue;
    changes.push(
      change.event === "reopened"
        ? {
            id: issue.id,
            from: issue.state,
            to: change.state,
            event: change.event,
            at: l!.arrived_at,
            note: `Recurred: a new failure arrived after it was resolved (${l!.open} open).`,
          }
        : {
            id: issue.id,
            from: issue.state,
            to: change.state,
            event: change.event,
            at: null,
            note: "No open failure left: all replayed, retried or closed.",
          },
    );
  }
  const opened = await openIssues(client, fresh);
  await moveSeen(client, seen);
  const applied = await changeStates(client, changes);
  return {
    opened,
    reopened: applied.filter((e) => e === "reopened").length,
    autoResolved: applied.filter((e) => e === "auto_resolved").length,
  };
}

function parts(signature: string): { layer: string; target: string | null } {
  const [layer = "unknown", target = "-"] = signature.split("|");
  return { layer, target: target === "-" || target === "" ? null : target };
}

async function openIssues(client: PoolClient, fresh: LiveRow[]): Promise<number> {
  if (fresh.length === 0) return 0;
  const { rows } = await client.query<{ id: number }>(
    `WITH v AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
         AS v(signature, layer, target, code, first_at, last_at, sites)
     ), i AS (
       INSERT INTO failure_issues (error_signature, layer, target_system, error_code, first_seen, last_seen, sites)
       SELECT signature, layer, target, code, first_at, last_at, string_to_array(sites, ',') FROM v
       ON CONFLICT (error_signature) DO NOTHING
       RETURNING id, first_seen
     )
     INSERT INTO failure_issue_events (issue_id, at, kind, note)
     SELECT id, first_seen, 'opened', 'First failure with this signature.' FROM i
     RETURNING issue_id AS id`,
    [
      fresh.map((l) => l.signature),
      fresh.map((l) => parts(l.signature).layer),
      fresh.map((l) => parts(l.signature).target),
      fresh.map((l) => l.error_code),
      fresh.map((l) => l.first_at),
      fresh.map((l) => l.last_at),
      fresh.map((l) => l.sites.join(",")),
    ],
  );
  return rows.length;
}

// Only rows that actually move are written, so a quiet system's sync writes nothing. A
// failure releases an issue held open by hand: from now on it may resolve itself again.
async function moveSeen(client: PoolClient, seen: LiveRow[]): Promise<void> {
  if (seen.length === 0) return;
  await client.query(
    `UPDATE failure_issues f
     SET first_seen = LEAST(f.first_seen, v.first_at), last_seen = GREATEST(f.last_seen, v.last_at),
         sites = ARRAY(SELECT DISTINCT unnest(f.sites || string_to_array(v.sites, ',')) ORDER BY 1), held_open = false, updated_at = now()
     FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[]) AS v(signature, first_at, last_at, sites)
     WHERE f.error_signature = v.signature
       AND (v.last_at > f.last_seen OR v.first_at < f.first_seen OR NOT (string_to_array(v.sites, ',') <@ f.sites) OR f.held_open)`,
    [
      seen.map((l) => l.signature),
      seen.map((l) => l.first_at),
      seen.map((l) => l.last_at),
      seen.map((l) => l.sites.join(",")),
    ],
  );
}

async function changeStates(
  client: PoolClient,
  changes: { id: number; from: IssueState; to: IssueState; event: string; at: Date | null; note: string }[],
): Promise<string[]> {
  if (changes.length === 0) return [];
  const { rows } = await client.query<{ kind: string }>(
    `WITH v AS (
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS v(id, from_state, to_state, event, at, note)
     ), u AS (
       UPDATE failure_issues f
       SET state = v.to_state, updated_at = now(),
           resolved_at = CASE WHEN v.to_state = 'resolved' THEN now() ELSE f.resolved_at END,
           resolved_by = CASE WHEN v.to_state = 'resolved' THEN NULL ELSE f.resolved_by END,
           resolve_note = CASE WHEN v.to_state = 'resolved' THEN v.note ELSE f.resolve_note END,
           held_open = false
       FROM v WHERE f.id = v.id AND f.state = v.from_state
       RETURNING f.id, v.event, v.at, v.note
     )
     INSERT INTO failure_issue_events (issue_id, at, kind, note)
     SELECT id, coalesce(at, now()), event, note FROM u
     RETURNING kind`,
    [
      changes.map((c) => c.id),
      changes.map((c) => c.from),
      changes.map((c) => c.to),
      changes.map((c) => c.event),
      changes.map((c) => c.at),
      changes.map((c) => c.note),
    ],
  );
  return rows.map((r) => r.kind);
}
