import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { getPool } from "@/lib/db";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { readInstallationFigures } from "@/lib/queries/telemetry/read-installation-figures";
import { registerInstallationMetrics } from "./installation-metrics";

// The app process's metrics registry (GET /metrics): what happens in this process (HTTP
// requests, ingest) counted as it happens, the process's own figures (CPU, memory, event
// loop), and the installation-wide figures read from the database at scrape time.

export interface AppMetrics {
  registry: Registry;
  requestDuration: Histogram<"route" | "status">;
  ingestRequests: Counter<"endpoint" | "status">;
  ingestEvents: Counter<"source" | "outcome">;
}

// Ingest sources: the wire format an event came in.
export type IngestSource = "native" | "cloudevents" | "otlp_traces" | "otlp_logs";

function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  registerInstallationMetrics(registry, () => readInstallationFigures(getPool(), replaySettings().REPLAY_HEARTBEAT_MS));
  return {
    registry,
    requestDuration: new Histogram({
      name: "crossdock_http_request_duration_seconds",
      help: "Time to answer an API request, by route and HTTP status.",
      labelNames: ["route", "status"] as const,
      // From a cached read to a large CSV export.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    ingestRequests: new Counter({
      name: "crossdock_ingest_requests_total",
      help: "Ingest requests (native, CloudEvents, OTLP), by endpoint and HTTP status.",
      labelNames: ["endpoint", "status"] as const,
      registers,
    }),
    ingestEvents: new Counter({
      name: "crossdock_ingest_events_total",
      help: "Events received by ingest, by wire format and outcome (accepted, duplicate, rejected).",
      labelNames: ["source", "outcome"] as const,
      registers,
    }),
  };
}

// One per process, cached on globalThis so Next's module reloading and each bundled route
// count into the same registry.
const globalForMetrics = globalThis as unknown as { crossdockMetrics?: AppMetrics };

export function getAppMetrics(): AppMetrics {
  return (globalForMetrics.crossdockMetrics ??= createAppMetrics());
}

// What one ingest request did: its answer, and each item's outcome in the report.
export function countIngest(
  endpoint: string,
  status: number,
  source: IngestSource | null,
  outcomes?: { accepted: number; duplicates: number; rejected: number },
): void {
  const m = getAppMetrics();
  m.ingestRequests.inc({ endpoint, status: String(status) });
  if (!source || !outcomes) return;
  m.ingestEvents.inc({ source, outcome: "accepted" }, outcomes.accepted);
  m.ingestEvents.inc({ source, outcome: "duplicate" }, outcomes.duplicates);
  m.ingestEvents.inc({ source, outcome: "rejected" }, outcomes.rejected);
}
