import { formatUtc, humanize } from "@/components/ui/format";
import type { Attempt } from "@/lib/domain/trace";
import { ErrorText } from "./error-text";

const TRIGGER: Record<Attempt["trigger"], string> = {
  first: "First delivery",
  retry: "Automatic retry",
  replay: "Replay",
};
const OUTCOME_STYLE: Record<Attempt["outcome"], string> = {
  succeeded: "text-green-800",
  resolved: "text-zinc-700",
  cancelled: "text-zinc-700",
  failed: "text-red-800",
  dead_lettered: "text-red-800",
  retry_scheduled: "text-amber-800",
  in_progress: "text-blue-800",
};

// Attempts and replays: what was tried, when, and how each ended. Shown only when there
// was more than one, where the story matters.
export function AttemptHistory({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length < 2) return null;
  return (
    <section aria-labelledby="attempts-title" className="flex flex-col gap-2">
      <h2 id="attempts-title" className="text-base font-semibold">
        Attempts and replays <span className="font-normal text-zinc-500">({attempts.length})</span>
      </h2>
      <ol className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white" data-testid="attempt-history">
        {attempts.map((a) => (
          <li
            key={`${a.number}-${a.startedAt}`}
            data-trigger={a.trigger}
            className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-2 text-sm"
          >
            <span className="w-24 font-medium">Attempt {a.number}</span>
            <span className="w-36 text-zinc-600">{TRIGGER[a.trigger]}</span>
            <time dateTime={a.startedAt} className="font-mono text-xs text-zinc-600">
              {formatUtc(a.startedAt)}
            </time>
            <span className={`font-medium ${OUTCOME_STYLE[a.outcome]}`}>{humanize(a.outcome)}</span>
            {a.error ? (
              <span className="basis-full pl-28 text-xs text-red-900 sm:basis-auto sm:pl-0">
                <ErrorText error={a.error} />
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
