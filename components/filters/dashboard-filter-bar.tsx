"use client";

import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import { dashboardParsers, resolveTimeWindow } from "@/lib/filters/dashboard-params";
import { MultiSelect } from "./multi-select";
import { TimeRangePicker } from "./time-range-picker";

export interface DashboardFilterBarProps {
  // What the signed-in person may filter by (their sites only), from listCatalogue on the server.
  sites: readonly string[];
  // Left out on a view about one workflow, where the workflow filter has no meaning.
  workflows?: readonly { name: string; registered: boolean }[];
  // false (default): a change re-renders the server page, which prefetches with the new filters.
  // true: only the URL changes; for views whose client queries fetch on their own.
  shallow?: boolean;
}

// The filters every dashboard view shares: time range, sites, workflows. The URL is the
// only state; a view reads the same values with loadDashboardParams (server) or
// useDashboardParams (client).
export function DashboardFilterBar({ sites, workflows, shallow = false }: DashboardFilterBarProps) {
  const [params, setParams] = useQueryStates(dashboardParsers, { shallow, history: "push" });
  const fellBack = useMemo(() => resolveTimeWindow(params, new Date()).fellBack, [params]);
  const siteOptions = sites.map((s) => ({ value: s, label: s }));
  const workflowOptions = (workflows ?? []).map((w) => ({
    value: w.name,
    label: w.registered ? w.name : `${w.name} (unregistered)`,
  }));

  return (
    <div
      role="group"
      aria-label="Dashboard filters"
      className="flex flex-wrap items-end gap-3"
      data-testid="dashboard-filters"
    >
      <TimeRangePicker
        range={params.range}
        from={params.from}
        to={params.to}
        onChange={(next) => void setParams(next)}
      />
      <MultiSelect
        label="Sites"
        noun={{ one: "site", many: "sites" }}
        options={siteOptions}
        selected={params.site}
        onChange={(site) => void setParams({ site })}
      />
      {/* No workflows to offer: a view the workflow filter does not apply to (Finance). */}
      {workflowOptions.length > 0 ? (
        <MultiSelect
          label="Workflows"
          noun={{ one: "workflow", many: "workflows" }}
          options={workflowOptions}
          selected={params.workflow}
          onChange={(workflow) => void setParams({ workflow })}
        />
      ) : null}
      {fellBack ? (
        <p className="basis-full text-xs text-amber-800">
          The custom range in the link is not valid; showing the last 24 hours.
        </p>
      ) : null}
    </div>
  );
}
