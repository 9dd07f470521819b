import { describe, expect, it } from "vitest";
import {
  type BackgroundWorkFacts,
  describeBackgroundWork,
  formatAge,
  judgeBackgroundWork,
} from "@/lib/domain/health/judge-background-work";

// When health and the banner call the background work stopped or behind (issue 17).

const NOW = new Date("2026-12-05T10:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const LIMITS = { workerStaleMs: 60_000, workOverdueMs: 600_000, startupGraceUntil: null };

function facts(over: Partial<BackgroundWorkFacts> = {}): BackgroundWorkFacts {
  return {
    now: NOW,
    workers: { live: 1, lastHeartbeatAt: ago(1_000) },
    replays: { due: 0, oldestDueAt: null, stalledSince: null },
    rollups: { foldedAt: ago(500), unfoldedChanges: 0 },
    alerts: { lastEvaluatedAt: ago(30_000), everyMs: 60_000 },
    issues: { lastSyncedAt: ago(5_000), everyMs: 10_000 },
    ...over,
  };
}

describe("judgeBackgroundWork", () => {
  it("running: a fresh heartbeat and every loop on time, so no banner", () => {
    const j = judgeBackgroundWork(facts(), LIMITS);
    expect(j).toEqual({ state: "running", problems: [] });
    expect(describeBackgroundWork(facts(), j)).toBeNull();
  });

  it("stopped: the last heartbeat is older than the stale limit; the banner says since when and what waits", () => {
    const f = facts({
      workers: { live: 0, lastHeartbeatAt: ago(4 * 60_000 + 10_000) },
      replays: { due: 3, oldestDueAt: ago(60_000), stalledSince: ago(60_000) },
    });
    const j = judgeBackgroundWork(f, LIMITS);
    expect(j.state).toBe("stopped");
    expect(j.problems).toEqual([
      "no worker has been seen for 4 min (limit 1 min): replays, rollups, issue sync and alerts are not running",
    ]);
    expect(describeBackgroundWork(f, j)).toBe(
      "Background work stopped 4 min ago: 3 replays are queued, dashboards are not updating, alerts are not evaluated.",
    );
  });

  it("a heartbeat just within the limit is running; just past it is stopped", () => {
    expect(judgeBackgroundWork(facts({ workers: { live: 1, lastHeartbeatAt: ago(60_000) } }), LIMITS).state).toBe(
      "running",
    );
    expect(judgeBackgroundWork(facts({ workers: { live: 0, lastHeartbeatAt: ago(60_001) } }), LIMITS).state).toBe(
      "stopped",
    );
  });

  it("no worker ever seen: stopped, except while the app is starting", () => {
    const f = facts({ workers: { live: 0, lastHeartbeatAt: null } });
    const j = judgeBackgroundWork(f, LIMITS);
    expect(j.problems[0]).toMatch(/^no worker has ever been seen/);
    expect(describeBackgroundWork(f, j)).toBe(
      "No background worker has run yet: replays will wait, dashboards are not updating, alerts are not evaluated.",
    );
    const starting = judgeBackgroundWork(f, { ...LIMITS, startupGraceUntil: new Date(NOW.getTime() + 1) });
    expect(starting).toEqual({ state: "starting", problems: [] });
    expect(describeBackgroundWork(f, starting)).toBeNull();
    const graceOver = judgeBackgroundWork(f, { ...LIMITS, startupGraceUntil: NOW });
    expect(graceOver.state).toBe("stopped");
  });

  it("behind: a stalled replay, a stuck fold and missed alert evaluations each give a reason", () => {
    const f = facts({
      replays: { due: 2, oldestDueAt: ago(700_000), stalledSince: ago(700_000) },
      rollups: { foldedAt: ago(3_600_000), unfoldedChanges: 1234 },
      alerts: { lastEvaluatedAt: ago(900_000), everyMs: 60_000 },
    });
    const j = judgeBackgroundWork(f, LIMITS);
    expect(j.state).toBe("behind");
    expect(j.problems).toEqual([
      "a due replay has waited 11 min with no delivery in progress",
      "the dashboard rollups were last folded 1 h ago (1234 changes waiting)",
      "alert rules were last evaluated 15 min ago",
    ]);
    expect(describeBackgroundWork(f, j)).toMatch(/^Background work is behind: a due replay has waited 11 min/);
  });

  it("a bulk waiting its turn behind a rate limit is not stalled; a slow alert interval is not overdue", () => {
    const f = facts({
      replays: { due: 5000, oldestDueAt: ago(3_600_000), stalledSince: null },
      alerts: { lastEvaluatedAt: ago(2_400_000), everyMs: 900_000 },
      issues: { lastSyncedAt: null, everyMs: null },
    });
    expect(judgeBackgroundWork(f, LIMITS)).toEqual({ state: "running", problems: [] });
  });

  it("issue sync three intervals and the overdue limit behind is overdue", () => {
    const f = facts({ issues: { lastSyncedAt: ago(600_001), everyMs: 10_000 } });
    expect(judgeBackgroundWork(f, LIMITS).problems).toEqual(["failure issues were last synced 10 min ago"]);
  });
});

describe("formatAge", () => {
  it("reads as people say it", () => {
    expect([
      formatAge(999),
      formatAge(45_000),
      formatAge(240_000),
      formatAge(3_900_000),
      formatAge(3 * 86_400_000),
    ]).toEqual(["1 s", "45 s", "4 min", "1 h 5 min", "3 d"]);
  });
});
