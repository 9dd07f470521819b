// The flows that start in a given minute. A flow instance is named by (minute, k): its
// documents are numbered from that pair and every draw it makes is keyed by it, so any
// window of time can be generated on its own and gives the same flows every time.
import { HOUR, MINUTE, minuteIndex, minuteStart, msOfLocalDay } from "./clock";
import { type FlowKind, flowKindFor } from "./flow-mix";
import { SITES, type SiteCode } from "./landscape";
import { mix, unit } from "./random";
import type { CompiledSettings } from "./scenarios";
import { flowsInMinute, MAX_FLOWS_PER_MINUTE, type RateSpec } from "./schedule";

export interface FlowInstance {
  kind: FlowKind;
  minute: number;
  k: number;
  serial: string; // document number shared by the flow's documents (SO-<serial>, SHP-<serial>, ...)
  start: number; // ms
  hash: number; // keys every draw of the flow
  site?: SiteCode; // scheduled flows fix their site
}

// Daily inventory snapshots leave each WMS in the small hours, a few minutes apart.
const SNAPSHOT_AT = 1 * HOUR + 30 * MINUTE;
const SNAPSHOT_GAP = 7 * MINUTE;

export function flowsStartingInMinute(
  minute: number,
  rate: RateSpec,
  seedH: number,
  settings: CompiledSettings,
): FlowInstance[] {
  const base = minuteStart(minute);
  const minuteHash = mix(seedH, minute);
  const flows: FlowInstance[] = [];
  const n = flowsInMinute(minute, rate, seedH);
  for (let k = 0; k < n; k++) {
    const hash = mix(minuteHash, k);
    flows.push({
      kind: flowKindFor(unit(mix(hash, 2))),
      minute,
      k,
      serial: serialOf(minute, k),
      start: base + Math.floor(unit(mix(hash, 1)) * MINUTE),
      hash,
    });
  }
  return flows.concat(scheduledFlowsInMinute(minute, seedH, settings));
}

// Scheduled flows do not depend on the rate: history and live traffic both have them.
export function scheduledFlowsInMinute(minute: number, seedH: number, settings: CompiledSettings): FlowInstance[] {
  const base = minuteStart(minute);
  const flows: FlowInstance[] = [];
  const tod = msOfLocalDay(base);
  SITES.forEach((s, i) => {
    if (tod === SNAPSHOT_AT + i * SNAPSHOT_GAP)
      flows.push(scheduled("inventory_snapshot", minute, MAX_FLOWS_PER_MINUTE + i, base + 10_000, seedH, s.code));
  });
  settings.customerMaster.spans.forEach((span, i) => {
    if (Number.isFinite(span.from) && minuteIndex(span.from) === minute) {
      flows.push(
        scheduled(
          "customer_master_update",
          minute,
          MAX_FLOWS_PER_MINUTE + 100 + i,
          span.from,
          seedH,
          settings.customerMaster.site,
        ),
      );
    }
  });
  return flows;
}

function scheduled(
  kind: FlowKind,
  minute: number,
  k: number,
  start: number,
  seedH: number,
  site: SiteCode,
): FlowInstance {
  return { kind, minute, k, serial: serialOf(minute, k), start, hash: mix(mix(seedH, minute), k), site };
}

function serialOf(minute: number, k: number): string {
  return String(minute * 10_000 + k);
}
