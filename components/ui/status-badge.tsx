import type { Status } from "@/lib/domain/vocabulary";
import { humanize } from "./format";

// Red needs a person, amber is being retried, blue is moving, green is done, gray is closed by hand.
const TONES: Record<Status, string> = {
  failed: "bg-red-50 text-red-800 ring-red-600/25",
  dead_lettered: "bg-red-50 text-red-800 ring-red-600/25",
  retrying: "bg-amber-50 text-amber-800 ring-amber-600/30",
  replaying: "bg-amber-50 text-amber-800 ring-amber-600/30",
  in_flight: "bg-blue-50 text-blue-800 ring-blue-600/25",
  succeeded: "bg-green-50 text-green-800 ring-green-600/25",
  resolved: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
  cancelled: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
};
const UNKNOWN = "bg-zinc-100 text-zinc-700 ring-zinc-500/25";

export function StatusBadge({ status }: { status: string }) {
  const tone = (TONES as Record<string, string>)[status] ?? UNKNOWN;
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}
    >
      {humanize(status)}
    </span>
  );
}
