import { Counter, Gauge, type Registry } from "prom-client";
import type { InstallationFigures } from "@/lib/queries/telemetry/read-installation-figures";

// The installation-wide metrics: filled from the database by collect callbacks at scrape
// time (the worker does the work, any app instance reports it). All of them share one read
// per scrape: collect callbacks of one scrape start together and await the same query.
// When the database cannot be read, crossdock_database_up is 0, the gauges carry no value
// and the counters keep their last one (a drop to 0 would read as a counter reset).

const QUEUED = ["pending", "queued", "delivering"] as const;
const FINISHED = ["accepted", "already_posted", "rejected", "dead_lettered", "cancelled"] as const;
const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "failed"] as const;
// The periodic jobs the worker records (lib/jobs/record-job-run.ts); its heartbeat has gauges of its own.
const JOBS = ["rollup_fold", "alert_evaluation", "issue_sync", "retention"] as const;

export function registerInstallationMetrics(registry: Registry, read: () => Promise<InstallationFigures>): void {
  const figures = oneReadAtATime(read);
  const current = () => figures().catch(() => null);
  const registers = [registry];

  new Gauge({
    name: "crossdock_database_up",
    help: "1 when this scrape could read the installation's figures from the database, else 0.",
    registers,
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });

  // Unlabelled figures: NaN when unknown (no sample would look like a broken exporter).
  const gauge = (name: string, help: string, value: (f: InstallationFigures) => number | null) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const f = await current();
        this.set(f ? (value(f) ?? Number.POSITIVE_INFINITY) : Number.NaN);
      },
    });
  const byLabel = <L extends string>(
    metric: Gauge<L> | Counter<L>,
    label: L,
    values: readonly string[],
    counts: Record<string, number> | undefined,
  ) => {
    if (!counts) {
      if (metric instanceof Gauge) metric.reset();
      return;
    }
    metric.reset();
    for (const v of values) {
      const labels = { [label]: v } as Record<L, string>;
      if (metric instanceof Gauge) metric.set(labels, counts[v] ?? 0);
      else metric.inc(labels, counts[v] ?? 0);
    }
  };

  gauge(
    "crossdock_rollup_lag_seconds",
    "How far the dashboards may be behind: 0 when every change is folded, else the time since the last fold started (an upper bound on the age of the oldest unfolded change).",
    (f) => (f.rollups.unfolded ? f.rollups.sinceLastFoldSeconds : 0),
  );
  gauge(
    "crossdock_rollup_last_fold_age_seconds",
    "Time since the worker last started folding changes into the dashboard rollups (it folds every ROLLUP_REFRESH_MS).",
    (f) => f.rollups.sinceLastFoldSeconds,
  );

  new Gauge({
    name: "crossdock_replay_queue_depth",
    help: "Replays waiting or in delivery, by status (pending: bulk replay items not yet attempted).",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      byLabel(this, "status", QUEUED, (await current())?.replays.byStatus);
    },
  });
  gauge(
    "crossdock_replay_oldest_due_seconds",
    "How long the longest-waiting replay that is due has waited for a worker (0 when none is due).",
    (f) => f.replays.oldestDueSeconds ?? 0,
  );
  new Counter({
    name: "crossdock_replays_finished_total",
    help: "Replays finished, by outcome (accepted by the target, already posted, rejected by the target, dead-lettered after the last retry, cancelled).",
    labelNames: ["outcome"] as const,
    registers,
    async collect() {
      byLabel(this, "outcome", FINISHED, (await current())?.replays.byStatus);
    },
  });

  gauge(
    "crossdock_replay_workers_live",
    "Worker processes heard from within three heartbeats (REPLAY_HEARTBEAT_MS).",
    (f) => f.workers.live,
  );
  gauge(
    "crossdock_replay_worker_heartbeat_age_seconds",
    "Age of the freshest worker heartbeat; +Inf when no worker is registered.",
    (f) => f.workers.freshestHeartbeatSeconds,
  );

  // A job that never ran: 0 runs, and an infinitely old last run.
  const perJob = (
    f: InstallationFigures | null,
    figure: (j: InstallationFigures["jobs"][string]) => number,
    never = 0,
  ): Record<string, number> | undefined => {
    if (!f) return undefined;
    return Object.fromEntries(JOBS.map((job) => [job, f.jobs[job] ? figure(f.jobs[job]) : never]));
  };
  new Counter({
    name: "crossdock_worker_runs_total",
    help: "Runs of the workers' periodic work, by job (rollup_fold, alert_evaluation, issue_sync, retention), all workers together.",
    labelNames: ["job"] as const,
    registers,
    async collect() {
      byLabel(
        this,
        "job",
        JOBS,
        perJob(await current(), (j) => j.runs),
      );
    },
  });
  new Counter({
    name: "crossdock_worker_run_failures_total",
    help: "Runs of the workers' periodic work that failed, by job (the worker's log has each error under its runId).",
    labelNames: ["job"] as const,
    registers,
    async collect() {
      byLabel(
        this,
        "job",
        JOBS,
        perJob(await current(), (j) => j.failures),
      );
    },
  });
  new Gauge({
    name: "crossdock_worker_last_run_age_seconds",
    help: "Time since a run of each periodic job last ended, ok or failed; +Inf when it never ran.",
    labelNames: ["job"] as const,
    registers,
    async collect() {
      const never = Number.POSITIVE_INFINITY;
      byLabel(
        this,
        "job",
        JOBS,
        perJob(await current(), (j) => j.sinceLastRunSeconds ?? never, never),
      );
    },
  });

  gauge("crossdock_alert_rules_enabled", "Alert rules the worker evaluates.", (f) => f.alerts.rulesEnabled);
  gauge("crossdock_alerts_open", "Alerts open now (a rule breaching its threshold).", (f) => f.alerts.open);
  new Counter({
    name: "crossdock_alerts_fired_total",
    help: "Alerts opened by the worker's evaluations since the installation began.",
    registers,
    async collect() {
      const f = await current();
      if (!f) return;
      this.reset();
      this.inc(f.alerts.fired);
    },
  });
  new Gauge({
    name: "crossdock_alert_notifications",
    help: "Alert notifications by delivery status (pending and failed ones are still to be sent or retried).",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      byLabel(this, "status", NOTIFICATION_STATUSES, (await current())?.alerts.notificationsByStatus);
    },
  });
}

// Calls made while a read is in flight share it; the next call after it ends reads again.
function oneReadAtATime<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () =>
    (inFlight ??= read().finally(() => {
      inFlight = null;
    }));
}
