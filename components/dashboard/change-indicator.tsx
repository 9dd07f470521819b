import type { Change } from "@/lib/domain/dashboard/rates";
import { type Better, describeChange } from "@/lib/queries/dashboard-views/describe-change";

const ARROWS = { up: "▲", down: "▼", flat: "▬", unknown: "" } as const;
const TONES = { good: "text-emerald-700", bad: "text-red-700", neutral: "text-zinc-500" } as const;
const TONE_WORDS = { good: "better", bad: "worse", neutral: "" } as const;

// "▲ +12%" against the previous period of the same length, green when that is good news
// and red when it is bad; the words are there for screen readers, the colour is not the only signal.
export function ChangeIndicator({ change, better, previous }: { change: Change; better: Better; previous: string }) {
  const d = describeChange(change, better);
  if (d.direction === "unknown") {
    return (
      <span className="text-xs text-zinc-400" title="No figure for the previous period">
        no previous figure
      </span>
    );
  }
  const words = [
    d.direction === "flat" ? "unchanged" : `${d.direction === "up" ? "up" : "down"} ${d.text.replace(/^[+-]/, "")}`,
    TONE_WORDS[d.tone],
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <span
      className={`inline-flex items-center gap-0.5 text-xs font-medium ${TONES[d.tone]}`}
      title={`Previous period: ${previous}`}
      data-tone={d.tone}
    >
      <span aria-hidden="true">{ARROWS[d.direction]}</span>
      <span aria-hidden="true">{d.text}</span>
      <span className="sr-only">{`${words} vs previous period (${previous})`}</span>
    </span>
  );
}
