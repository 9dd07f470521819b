import { formatBytes } from "@/lib/format/bytes";
import type { StorageOverview } from "@/lib/queries/get-storage-overview";
import { cardClass } from "../form-styles";

const th = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
const td = "px-3 py-1.5 text-sm tabular-nums";
const count = (n: number) => n.toLocaleString("en-US");

// Tables, growth and projection, then every day partition (newest first).
export function StorageTables({ overview }: { overview: StorageOverview }) {
  const { dailyGrowth: g, policy } = overview;
  const perDay = g.events + g.payloads + g.transactions;
  const partitions = [...overview.partitions].reverse();
  return (
    <>
      <section aria-labelledby="storage-tables-title" className={`${cardClass} flex flex-col gap-3`}>
        <h2 id="storage-tables-title" className="font-medium">
          Tables
        </h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Figure label="Stored now" value={formatBytes(overview.totalBytes)} />
          <Figure
            label="Transactions stored"
            value={overview.oldestDay ? `${overview.oldestDay} to ${overview.newestDay}` : "none yet"}
          />
          <Figure
            label="Daily growth"
            value={g.days > 0 ? `${formatBytes(perDay)} / day` : "not enough days yet"}
            note={g.days > 0 ? `mean of the last ${g.days} complete day${g.days === 1 ? "" : "s"}` : undefined}
          />
          <Figure
            label="At this rate, under this retention"
            value={g.days > 0 ? formatBytes(overview.projectedBytes) : "–"}
            note={`payloads ${policy.payloadDays} d, events ${policy.eventDays} d, rollups ${policy.rollupDays} d`}
          />
        </dl>
        <table className="w-full">
          <thead className="border-b border-zinc-200">
            <tr>
              <th className={th}>Table</th>
              <th className={`${th} text-right`}>Rows (est.)</th>
              <th className={`${th} text-right`}>Size with indexes</th>
              <th className={`${th} text-right`}>Partitions</th>
            </tr>
          </thead>
          <tbody>
            {overview.tables.map((t) => (
              <tr key={t.table} className="border-b border-zinc-100">
                <td className={`${td} font-mono`}>{t.table}</td>
                <td className={`${td} text-right`}>{count(t.rows)}</td>
                <td className={`${td} text-right`}>{formatBytes(t.bytes)}</td>
                <td className={`${td} text-right`}>{t.partitions || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="storage-partitions-title" className={`${cardClass} flex flex-col gap-3`}>
        <h2 id="storage-partitions-title" className="font-medium">
          Day partitions
        </h2>
        <div className="max-h-96 overflow-y-auto">
          <table className="w-full">
            <thead className="sticky top-0 border-b border-zinc-200 bg-white">
              <tr>
                <th className={th}>Partition</th>
                <th className={th}>Day</th>
                <th className={`${th} text-right`}>Rows (est.)</th>
                <th className={`${th} text-right`}>Size</th>
              </tr>
            </thead>
            <tbody>
              {partitions.map((p) => (
                <tr key={p.name} className="border-b border-zinc-100">
                  <td className={`${td} font-mono`}>{p.name}</td>
                  <td className={td}>{p.day ?? "default (no day partition)"}</td>
                  <td className={`${td} text-right`}>{count(p.rows)}</td>
                  <td className={`${td} text-right`}>{formatBytes(p.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-medium">{value}</dd>
      {note ? <dd className="text-xs text-zinc-500">{note}</dd> : null}
    </div>
  );
}
