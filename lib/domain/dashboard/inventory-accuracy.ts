// Inventory accuracy (docs/domain.md, KPIs): from inventory snapshots, the share of
// SKU-locations where WMS and ERP on-hand agree within tolerance.

export interface SnapshotRow {
  wmsOnHand: number;
  erpOnHand: number;
}

export interface AccuracyCount {
  rows: number;
  agreeing: number;
}

// Tolerance in units: |wms - erp| <= tolerance agrees.
export function countAgreeing(rows: readonly SnapshotRow[], tolerance = 0): AccuracyCount {
  let agreeing = 0;
  for (const r of rows) if (Math.abs(r.wmsOnHand - r.erpOnHand) <= tolerance) agreeing++;
  return { rows: rows.length, agreeing };
}

// Snapshot payloads as the WMS sends them: { rows: [{ wmsOnHand, erpOnHand, ... }] }.
// Anything else (a redacted or malformed payload) contributes no rows.
export function snapshotRows(payload: unknown): SnapshotRow[] {
  const rows = (payload as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return [];
  const out: SnapshotRow[] = [];
  for (const r of rows) {
    const w = (r as { wmsOnHand?: unknown }).wmsOnHand;
    const e = (r as { erpOnHand?: unknown }).erpOnHand;
    if (typeof w === "number" && typeof e === "number") out.push({ wmsOnHand: w, erpOnHand: e });
  }
  return out;
}
