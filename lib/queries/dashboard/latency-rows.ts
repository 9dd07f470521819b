import { Prisma } from "@/lib/generated/prisma/client";

// Histogram rows (bucket, workflow_id, site_id, metric, bin, count) covering an
// hour-aligned window: rollup_latency_daily for the whole UTC days inside it and
// rollup_latency for the hours at either end. Same counts as reading only the hourly
// table, at ~1/24 of the rows for long windows.
const DAY = 86_400_000;
const COLUMNS = Prisma.sql`bucket, workflow_id, site_id, metric, bin, count`;

export function latencyRows(window: { from: Date; to: Date }): Prisma.Sql {
  const firstDay = new Date(Math.ceil(window.from.getTime() / DAY) * DAY);
  const lastDay = new Date(Math.floor(window.to.getTime() / DAY) * DAY);
  if (firstDay >= lastDay) {
    return Prisma.sql`(SELECT ${COLUMNS} FROM rollup_latency WHERE bucket >= ${window.from} AND bucket < ${window.to})`;
  }
  return Prisma.sql`(
    SELECT ${COLUMNS} FROM rollup_latency WHERE bucket >= ${window.from} AND bucket < ${firstDay}
    UNION ALL SELECT ${COLUMNS} FROM rollup_latency WHERE bucket >= ${lastDay} AND bucket < ${window.to}
    UNION ALL SELECT ${COLUMNS} FROM rollup_latency_daily WHERE bucket >= ${firstDay} AND bucket < ${lastDay})`;
}

// The window and the period before it, told apart by a `current` column.
export function latencyRowsWithPrevious(window: { from: Date; to: Date }, previous: { from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`(SELECT true AS current, r.* FROM ${latencyRows(window)} r
    UNION ALL SELECT false AS current, p.* FROM ${latencyRows(previous)} p)`;
}
