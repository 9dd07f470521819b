import type { RetentionRunSummary } from "@/lib/queries/get-storage-overview";
import { cardClass } from "../form-styles";

const th = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
const td = "px-3 py-1.5 text-sm align-top";

// The last retention runs and what each did, in words.
export function RetentionRuns({ runs }: { runs: RetentionRunSummary[] }) {
  return (
    <section aria-labelledby="retention-runs-title" className={`${cardClass} flex flex-col gap-3`}>
      <h2 id="retention-runs-title" className="font-medium">
        Retention runs
      </h2>
      {runs.length === 0 ? (
        <p className="text-sm text-zinc-500">No run yet: the worker runs retention when it starts and every hour.</p>
      ) : (
        <table className="w-full">
          <thead className="border-b border-zinc-200">
            <tr>
              <th className={th}>Started</th>
              <th className={th}>Outcome</th>
              <th className={th}>What it did</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-b border-zinc-100">
                <td className={`${td} whitespace-nowrap tabular-nums`}>{r.startedAt.toISOString().slice(0, 19)}Z</td>
                <td className={td}>{r.error ? `${r.outcome}: ${r.error}` : r.outcome}</td>
                <td className={td}>{describeRun(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function describeRun(r: RetentionRunSummary): string {
  const s = r.summary;
  const parts: string[] = [];
  if (s.partitionsCreated) parts.push(`created ${s.partitionsCreated} partitions`);
  for (const p of s.payloadDays ?? [])
    parts.push(
      `payloads of ${p.day}: ${p.rows.toLocaleString("en-US")} archived and dropped, ${p.kept} of open work kept`,
    );
  for (const e of s.eventDays ?? [])
    parts.push(
      `events of ${e.day}: ${e.rows.toLocaleString("en-US")} archived and dropped, ${e.deletedTransactions.toLocaleString("en-US")} closed transactions removed, ${e.keptTransactions} open kept`,
    );
  if (s.rollupRowsDeleted) parts.push(`${s.rollupRowsDeleted} rollup rows past retention removed`);
  if (parts.length === 0) parts.push("nothing past retention");
  return `${parts.join("; ")}${s.ms !== undefined ? ` (${(s.ms / 1000).toFixed(1)} s)` : ""}.`;
}
