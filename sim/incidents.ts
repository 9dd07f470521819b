// Incidents in the 7-day history, so the dashboards open on a week with a story: a
// customer master outage three days ago (fixed after two hours, then replayed), a
// broker timeout storm, a morning when the south site's CSV batches did not run, and a
// middleware mapping deploy yesterday that broke unit-of-measure conversions.
//
// Placed relative to the business day of `to`, so re-running the backfill on the same
// day sends exactly the same traffic (same ids: ingest reports duplicates).
import { DAY, HOUR, localDayStart, MINUTE, toMs } from "./clock";
import { DEFAULT_SETTINGS, type Instant, type ScenarioSettings } from "./scenarios";

export function withPastIncidents(base: ScenarioSettings, to: Instant): ScenarioSettings {
  const day = localDayStart(toMs(to));
  const at = (daysAgo: number, hour: number, minute = 0) => day - daysAgo * DAY + hour * HOUR + minute * MINUTE;
  const outageFrom = at(3, 9, 12);
  return {
    ...base,
    customerMaster: {
      ...base.customerMaster,
      enabled: true,
      windows: [
        ...(base.customerMaster.enabled ? (base.customerMaster.windows ?? []) : []),
        { from: outageFrom, until: outageFrom + 2 * HOUR, replayAfterFixMs: 25 * MINUTE },
      ],
    },
    brokerTimeouts: {
      ...base.brokerTimeouts,
      storms: [...(base.brokerTimeouts.storms ?? []), { from: at(5, 14, 5), until: at(5, 14, 45), probability: 0.35 }],
    },
    southBatchDelays: {
      ...base.southBatchDelays,
      outages: [...(base.southBatchDelays.outages ?? []), { from: at(2, 7, 30), until: at(2, 16, 30) }],
    },
    uomMismatch: { ...base.uomMismatch, windows: [{ from: at(1, 10, 40) }] },
  };
}

// The settings of a backfill ending at `to`: the live defaults plus the past incidents.
export function historySettings(to: Instant, base: ScenarioSettings = DEFAULT_SETTINGS): ScenarioSettings {
  return withPastIncidents(base, to);
}
