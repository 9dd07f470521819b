import type { HistogramBin } from "@/lib/domain/dashboard/histogram";
import { Prisma } from "@/lib/generated/prisma/client";

// Rollup rows covering an hour-aligned window: the daily table for the whole UTC days
// inside it and the hourly table for the hours at either end. Same figures as reading
// only the hourly table, at ~1/24 of the rows for long windows.
const DAY = 86_400_000;

export function rollupRows(
  hourly: Prisma.Sql,
  daily: Prisma.Sql,
  columns: Prisma.Sql,
  window: { from: Date; to: Date },
): Prisma.Sql {
  const firstDay = new Date(Math.ceil(window.from.getTime() / DAY) * DAY);
  const lastDay = new Date(Math.floor(window.to.getTime() / DAY) * DAY);
  if (firstDay >= lastDay) {
    return Prisma.sql`(SELECT ${columns} FROM ${hourly} WHERE bucket >= ${window.from} AND bucket < ${window.to})`;
  }
  return Prisma.sql`(
    SELECT ${columns} FROM ${hourly} WHERE bucket >= ${window.from} AND bucket < ${firstDay}
    UNION ALL SELECT ${columns} FROM ${hourly} WHERE bucket >= ${lastDay} AND bucket < ${window.to}
    UNION ALL SELECT ${columns} FROM ${daily} WHERE bucket >= ${firstDay} AND bucket < ${lastDay})`;
}

// Histogram rows (bucket, workflow_id, site_id, metric, bins, counts).
export function latencyRows(window: { from: Date; to: Date }): Prisma.Sql {
  return rollupRows(
    Prisma.sql`rollup_latency`,
    Prisma.sql`rollup_latency_daily`,
    Prisma.sql`bucket, workflow_id, site_id, metric, bins, counts`,
    window,
  );
}

// The window and the period before it, told apart by a `current` column.
export function latencyRowsWithPrevious(
  window: { from: Date; to: Date },
  previous: { from: Date; to: Date },
): Prisma.Sql {
  return Prisma.sql`(SELECT true AS current, r.* FROM ${latencyRows(window)} r
    UNION ALL SELECT false AS current, p.* FROM ${latencyRows(previous)} p)`;
}

// Stored as comma-separated text (see the dashboards migration), read as is.
export const HISTOGRAM_COLUMNS = Prisma.sql`bins, counts`;

export interface HistogramText {
  bins: string;
  counts: string;
}

// One histogram per key from rows of (bins, counts), added up in the reader: cheaper than
// having PostgreSQL unnest and group every bin.
export function histogramsBy<K>(rows: readonly HistogramText[], keyOf: (row: number) => K): Map<K, HistogramBin[]> {
  const totals = new Map<K, Map<number, number>>();
  rows.forEach((r, i) => {
    const key = keyOf(i);
    let t = totals.get(key);
    if (!t) totals.set(key, (t = new Map()));
    const bins = r.bins.split(",");
    const counts = r.counts.split(",");
    for (let k = 0; k < bins.length; k++) {
      const bin = Number(bins[k]);
      t.set(bin, (t.get(bin) ?? 0) + Number(counts[k]));
    }
  });
  return new Map(
    [...totals].map(([key, t]) => [key, [...t].map(([bin, count]) => ({ bin, count })).sort((a, b) => a.bin - b.bin)]),
  );
}
