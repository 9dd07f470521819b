// Whether the installation's background work is alive and keeping up, from the facts the
// database holds (lib/queries/health/get-background-work.ts). Pure, so the rules are tested
// without waiting for clocks; /api/health, /api/health/ready and the banner all judge here.

export interface BackgroundWorkFacts {
  // the database clock: every stamp below was written by it
  now: Date;
  // workers seen within the stale limit, and the freshest heartbeat of any worker ever
  workers: { live: number; lastHeartbeatAt: Date | null };
  // due: waiting for a worker now; stalledSince: the oldest due one whose bulk makes no progress either
  replays: { due: number; oldestDueAt: Date | null; stalledSince: Date | null };
  rollups: { foldedAt: Date | null; unfoldedChanges: number };
  alerts: { lastEvaluatedAt: Date | null; everyMs: number | null };
  issues: { lastSyncedAt: Date | null; everyMs: number | null };
}

export interface HealthLimits {
  // no heartbeat for this long: the workers are gone (CROSSDOCK_WORKER_STALE_MS)
  workerStaleMs: number;
  // periodic work or a due replay this far behind is overdue (CROSSDOCK_WORK_OVERDUE_MS)
  workOverdueMs: number;
  // until then a worker that has not beaten yet is "starting", not "stopped": the app and
  // its worker start together and the app answers first
  startupGraceUntil: Date | null;
}

export type BackgroundWorkState = "running" | "starting" | "stopped" | "behind";

export interface BackgroundWorkJudgement {
  state: BackgroundWorkState;
  // one sentence per problem; empty when running or starting
  problems: string[];
}

export function judgeBackgroundWork(facts: BackgroundWorkFacts, limits: HealthLimits): BackgroundWorkJudgement {
  const now = facts.now.getTime();
  const age = (at: Date | null) => (at === null ? null : now - at.getTime());
  const heartbeatAge = age(facts.workers.lastHeartbeatAt);
  const workersGone = heartbeatAge === null || heartbeatAge > limits.workerStaleMs;
  if (workersGone) {
    const graced = limits.startupGraceUntil !== null && now < limits.startupGraceUntil.getTime();
    if (graced) return { state: "starting", problems: [] };
    const seen =
      heartbeatAge === null
        ? "no worker has ever been seen"
        : `no worker has been seen for ${formatAge(heartbeatAge)} (limit ${formatAge(limits.workerStaleMs)})`;
    return { state: "stopped", problems: [`${seen}: replays, rollups, issue sync and alerts are not running`] };
  }

  const problems: string[] = [];
  const overdue = limits.workOverdueMs;
  const stalled = age(facts.replays.stalledSince);
  if (stalled !== null && stalled > overdue)
    problems.push(`a due replay has waited ${formatAge(stalled)} with no delivery in progress`);
  const folded = age(facts.rollups.foldedAt);
  if (folded !== null && folded > overdue)
    problems.push(
      `the dashboard rollups were last folded ${formatAge(folded)} ago (${facts.rollups.unfoldedChanges} changes waiting)`,
    );
  // A loop that has never run is not judged: a new worker runs it after its first interval.
  const periodic = [
    { what: "alert rules were last evaluated", at: facts.alerts.lastEvaluatedAt, everyMs: facts.alerts.everyMs },
    { what: "failure issues were last synced", at: facts.issues.lastSyncedAt, everyMs: facts.issues.everyMs },
  ];
  for (const p of periodic) {
    const since = age(p.at);
    // Three missed runs, and never less than the overdue limit: one slow run is not news.
    if (since !== null && since > Math.max(overdue, 3 * (p.everyMs ?? 0)))
      problems.push(`${p.what} ${formatAge(since)} ago`);
  }
  return { state: problems.length > 0 ? "behind" : "running", problems };
}

// What the banner says to engineers and admins; null when there is nothing to say.
export function describeBackgroundWork(facts: BackgroundWorkFacts, judgement: BackgroundWorkJudgement): string | null {
  if (judgement.state === "running" || judgement.state === "starting") return null;
  if (judgement.state === "behind") return `Background work is behind: ${judgement.problems.join("; ")}.`;
  const { due } = facts.replays;
  const replays = due === 0 ? "replays will wait" : `${due} ${due === 1 ? "replay is" : "replays are"} queued`;
  const consequences = `${replays}, dashboards are not updating, alerts are not evaluated`;
  const last = facts.workers.lastHeartbeatAt;
  if (last === null) return `No background worker has run yet: ${consequences}.`;
  return `Background work stopped ${formatAge(facts.now.getTime() - last.getTime())} ago: ${consequences}.`;
}

// "45 s", "4 min", "2 h 5 min": whole units, as the banner and the reasons are read.
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  return `${Math.floor(hours / 24)} d`;
}
