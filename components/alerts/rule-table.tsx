"use client";

import { deleteAlertRuleAction, setAlertRuleEnabledAction } from "@/app/admin/alerts/actions";
import { DataTable } from "@/components/ui/data-table";
import { unitOf } from "@/lib/domain/alerts/message";
import { ALERT_RULE_KIND_LABELS } from "@/lib/domain/alerts/rule";
import type { AlertRuleListItem } from "@/lib/queries/alerts/list-alert-config";
import { RowActions } from "./row-actions";
import type { RuleChoices } from "./rule-fields";
import { EditRuleForm } from "./rule-forms";

const HEADERS = ["Name", "Condition", "Watches", "Channels", "State", "Actions"];

export function RuleTable({ rules, choices }: { rules: AlertRuleListItem[]; choices: RuleChoices }) {
  if (rules.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No rules yet. Add one above: e.g. shipment confirmations failing at a site.
      </p>
    );
  }
  const channelName = new Map(choices.channels.map((c) => [c.id, c.name]));
  return (
    <DataTable caption="Alert rules by name" headers={HEADERS} minWidth="960px">
      {rules.map((r) => (
        <tr key={r.id} data-rule-name={r.name} className="align-top">
          <td className="px-3 py-2">
            <span className="font-medium">{r.name}</span>
            <details className="mt-1">
              <summary className="cursor-pointer text-xs font-medium text-blue-700 hover:underline">Edit</summary>
              <EditRuleForm rule={r} choices={choices} />
            </details>
          </td>
          <td className="px-3 py-2 text-sm">{describeCondition(r)}</td>
          <td className="px-3 py-2 font-mono text-xs">
            {r.kind === "no_traffic" ? r.system : `${r.workflow}${r.site ? ` @ ${r.site}` : " (all sites)"}`}
          </td>
          <td className="px-3 py-2 text-xs">
            {r.channelIds
              .map((id) => channelName.get(id))
              .filter(Boolean)
              .join(", ") || <span className="text-zinc-400">none</span>}
          </td>
          <td className="px-3 py-2 text-xs">
            {!r.enabled ? (
              <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-600">disabled</span>
            ) : r.open ? (
              <span className="rounded bg-red-100 px-1.5 py-0.5 font-medium text-red-800">
                firing since {r.open.since.toISOString().replace("T", " ").slice(0, 16)} UTC
              </span>
            ) : (
              <span className="text-green-800">ok</span>
            )}
          </td>
          <td className="px-3 py-2">
            <RowActions
              name={r.name}
              enabled={r.enabled}
              onToggle={(enabled) => setAlertRuleEnabledAction({ id: r.id, enabled })}
              onDelete={() => deleteAlertRuleAction({ id: r.id })}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function describeCondition(r: AlertRuleListItem): string {
  const label = ALERT_RULE_KIND_LABELS[r.kind];
  const unit = unitOf(r);
  const every = r.repeatMinutes > 0 ? `, repeats every ${r.repeatMinutes} min` : "";
  switch (r.kind) {
    case "failure_rate":
      return `${label} > ${r.threshold}% over ${r.windowMinutes} min (at least ${r.minCount})${every}`;
    case "stuck_count":
      return `${label} > ${r.threshold}${every}`;
    case "stuck_value":
      return `${label} > ${r.threshold} ${unit}${every}`;
    case "p95_latency":
      return `${label} > ${r.threshold === null ? "SLA" : `${r.threshold} min`} over ${r.windowMinutes} min${every}`;
    case "no_traffic":
      return `Nothing for ${r.windowMinutes} min${every}`;
  }
}
