// The legacy south WMS exchanges CSV files on a fixed cycle. A record written at 10:07
// leaves with the 12:00 file; when batches run late or are skipped (scenario 6) it waits
// longer. Each batch run is decided once per (seed, direction, scheduled time), so every
// record of one file sees the same run.
import { MINUTE, nextOnCycle, SECOND } from "./clock";
import type { SiteProfile } from "./landscape";
import { mix, unit } from "./random";
import { type CompiledSettings, isActive } from "./scenarios";

export type BatchDirection = "outbound" | "inbound"; // WMS -> ERP files, ERP -> WMS imports

// When the batch that carries a record written at `t` is processed, or `t` itself for
// sites that call APIs. `position` in [0, 1) is the record's place in the file.
export function batchPickup(
  site: SiteProfile,
  direction: BatchDirection,
  t: number,
  c: CompiledSettings,
  seedH: number,
  position: number,
): number {
  if (!site.batch) return t;
  const { everyMs } = site.batch;
  const phase = direction === "outbound" ? site.batch.outboundPhaseMs : site.batch.inboundPhaseMs;
  const salt = direction === "outbound" ? 0x0b7 : 0x1b7;
  let scheduled = nextOnCycle(t, everyMs, phase);
  for (let guard = 0; guard < 64; guard++) {
    const h = mix(mix(seedH, salt), Math.floor(scheduled / MINUTE));
    const delayed = isActive(c.south.spans, scheduled);
    const skipped = delayed && (isActive(c.south.outages, scheduled) || unit(h) < c.south.skipProbability);
    if (!skipped) {
      const late = delayed && unit(mix(h, 1)) < c.south.lateProbability ? unit(mix(h, 2)) * c.south.maxLateMs : 0;
      // file transfer and parsing, then records one after another
      const start = 2 * MINUTE + unit(mix(h, 3)) * 4 * MINUTE;
      return Math.round(scheduled + late + start + position * 3 * MINUTE + SECOND);
    }
    scheduled += everyMs;
  }
  return scheduled;
}
