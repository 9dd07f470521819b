import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { type LogSettings, logSettings } from "./log-settings";

// The one logger of the app and the worker (README, "Monitoring"). Every line is a JSON
// object with `level`, `time` (ISO 8601), `pid`, `hostname`, `msg`, and what the caller
// adds: `requestId` and `route` for a request (lib/http/observe-request.ts), `job` and
// `runId` for background work (lib/jobs/job-run.ts), `err` with the stack for a failure.
// Carry such fields with .child({...}) instead of writing them into the message.

export type { Logger };

export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const base = { level: settings.level, timestamp: pino.stdTimeFunctions.isoTime };
  // Pretty-printing in-process, synchronously: no worker thread to bundle or lose on exit.
  if (settings.format === "pretty" && !destination)
    return pino(
      base,
      pretty({ sync: true, singleLine: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }),
    );
  // Numeric levels mean nothing to a person reading a log search; names do.
  const json = { ...base, formatters: { level: (label: string) => ({ level: label }) } };
  return destination ? pino(json, destination) : pino(json);
}

// One per process, cached on globalThis so Next's module reloading and each bundled route
// share it. A wrong CROSSDOCK_LOG_* stops the process with a message naming the variable.
const globalForLogger = globalThis as unknown as { crossdockLogger?: Logger };

export function getLogger(): Logger {
  return (globalForLogger.crossdockLogger ??= createLogger(logSettings()));
}

// Tests read what was logged by writing it to a stream of their own.
export function setLogger(logger: Logger): void {
  globalForLogger.crossdockLogger = logger;
}
