import { createLogger, getLogger, setLogger } from "@/lib/telemetry/logger";
import { useBeforeAll } from "./use-before-all";

// What the process logs, as parsed JSON lines, for the file's tests: the real logger
// (JSON format, debug level) writing to memory instead of stdout.
export type LogLine = Record<string, unknown> & { level: string; msg: string; time: string };

export interface CapturedLogs {
  lines: LogLine[];
  where(match: Record<string, unknown>): LogLine[];
}

export function useCapturedLogs(): CapturedLogs {
  return useBeforeAll(
    async () => {
      const previous = getLogger();
      const lines: LogLine[] = [];
      setLogger(
        createLogger({ format: "json", level: "debug" }, { write: (s: string) => void lines.push(JSON.parse(s)) }),
      );
      return {
        previous,
        lines,
        where: (match: Record<string, unknown>) =>
          lines.filter((l) => Object.entries(match).every(([k, v]) => l[k] === v)),
      };
    },
    async (captured) => setLogger(captured.previous),
  );
}
