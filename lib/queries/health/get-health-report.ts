import type { Pool } from "pg";
import {
  type BackgroundWorkFacts,
  type BackgroundWorkJudgement,
  judgeBackgroundWork,
} from "@/lib/domain/health/judge-background-work";
import { migrationStatus } from "@/lib/postgres/migrate";
import { getBackgroundWork } from "./get-background-work";
import type { HealthSettings } from "./health-settings";

// The complete health of an installation, as /api/health reports it and /api/health/ready
// sums it up: the database, its migrations and the background work of every worker.
// "ok" and "starting" answer 200; "degraded" (migrations pending, workers stopped, work
// overdue) and "down" (no database) answer 503, each with its reasons.

export type HealthStatus = "ok" | "starting" | "degraded" | "down";

export interface HealthReport {
  status: HealthStatus;
  reasons: string[];
  database: "reachable" | "unreachable";
  migrations?: { applied: number; pending: string[] };
  background?: BackgroundReport;
}

export interface BackgroundReport {
  state: BackgroundWorkJudgement["state"];
  workers: { live: number; lastHeartbeatAt: Date | null; heartbeatAgeMs: number | null; staleAfterMs: number };
  replays: { due: number; oldestDueAt: Date | null; oldestDueAgeMs: number | null };
  rollups: { foldedAt: Date | null; foldAgeMs: number | null; unfoldedChanges: number };
  alerts: { lastEvaluatedAt: Date | null; ageMs: number | null };
  issues: { lastSyncedAt: Date | null; ageMs: number | null };
}

export interface HealthRead {
  report: HealthReport;
  // the background facts and their judgement, for the banner (null when they could not be read)
  facts: BackgroundWorkFacts | null;
  judgement: BackgroundWorkJudgement | null;
}

export async function getHealthReport(
  pool: Pool,
  settings: HealthSettings,
  startupGraceUntil: Date | null,
): Promise<HealthRead> {
  let migrations: HealthReport["migrations"];
  try {
    const client = await pool.connect();
    try {
      const status = await migrationStatus(client);
      migrations = { applied: status.applied.length, pending: status.pending };
    } finally {
      client.release();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { report: { status: "down", reasons: [reason], database: "unreachable" }, facts: null, judgement: null };
  }
  if (migrations.pending.length > 0) {
    // The background tables may not exist yet; the migrations are the news.
    const reasons = [`migrations pending: ${migrations.pending.join(", ")}`];
    return { report: { status: "degraded", reasons, database: "reachable", migrations }, facts: null, judgement: null };
  }
  const facts = await getBackgroundWork(pool, settings.workerStaleMs);
  const judgement = judgeBackgroundWork(facts, { ...settings, startupGraceUntil });
  const status: HealthStatus =
    judgement.state === "running" ? "ok" : judgement.state === "starting" ? "starting" : "degraded";
  return {
    report: {
      status,
      reasons: judgement.problems,
      database: "reachable",
      migrations,
      background: backgroundReport(facts, judgement, settings),
    },
    facts,
    judgement,
  };
}

export function httpStatusOf(report: HealthReport): number {
  return report.status === "ok" || report.status === "starting" ? 200 : 503;
}

function backgroundReport(
  facts: BackgroundWorkFacts,
  judgement: BackgroundWorkJudgement,
  settings: HealthSettings,
): BackgroundReport {
  const age = (at: Date | null) => (at === null ? null : Math.max(0, facts.now.getTime() - at.getTime()));
  return {
    state: judgement.state,
    workers: {
      live: facts.workers.live,
      lastHeartbeatAt: facts.workers.lastHeartbeatAt,
      heartbeatAgeMs: age(facts.workers.lastHeartbeatAt),
      staleAfterMs: settings.workerStaleMs,
    },
    replays: {
      due: facts.replays.due,
      oldestDueAt: facts.replays.oldestDueAt,
      oldestDueAgeMs: age(facts.replays.oldestDueAt),
    },
    rollups: {
      foldedAt: facts.rollups.foldedAt,
      foldAgeMs: age(facts.rollups.foldedAt),
      unfoldedChanges: facts.rollups.unfoldedChanges,
    },
    alerts: { lastEvaluatedAt: facts.alerts.lastEvaluatedAt, ageMs: age(facts.alerts.lastEvaluatedAt) },
    issues: { lastSyncedAt: facts.issues.lastSyncedAt, ageMs: age(facts.issues.lastSyncedAt) },
  };
}

// The app process's own start, plus the stale limit: until then a worker started with it
// may not have beaten yet (npm start starts both at once; the app answers first).
export function startupGraceUntil(settings: HealthSettings): Date {
  return new Date(Date.now() - process.uptime() * 1000 + settings.workerStaleMs);
}
