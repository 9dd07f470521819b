"use client";

import { deleteAlertChannelAction, setAlertChannelEnabledAction } from "@/app/admin/alerts/actions";
import { DataTable } from "@/components/ui/data-table";
import type { AlertChannelListItem } from "@/lib/queries/alerts/list-alert-config";
import { channelKindLabel } from "./channel-fields";
import { EditChannelForm } from "./channel-forms";
import { RowActions } from "./row-actions";
import { SendTestButton } from "./send-test-button";

const HEADERS = ["Name", "Kind", "Sends to", "Rules", "Last delivery", "Test", "Actions"];

export function ChannelTable({ channels }: { channels: AlertChannelListItem[] }) {
  if (channels.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No channels yet. Add a webhook, a Slack webhook or an email channel above.
      </p>
    );
  }
  return (
    <DataTable caption="Alert channels by name" headers={HEADERS} minWidth="960px">
      {channels.map((c) => (
        <tr key={c.id} data-channel-name={c.name} className="align-top">
          <td className="px-3 py-2">
            <span className="font-medium">{c.name}</span>
            {!c.enabled ? (
              <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">disabled</span>
            ) : null}
            <details className="mt-1">
              <summary className="cursor-pointer text-xs font-medium text-blue-700 hover:underline">Edit</summary>
              <EditChannelForm channel={c} />
            </details>
          </td>
          <td className="px-3 py-2 text-sm">{channelKindLabel(c.kind)}</td>
          <td className="max-w-xs px-3 py-2 font-mono text-xs break-all">
            {c.email ? `${c.email.to.join(", ")} via ${c.email.host}:${c.email.port}` : (c.urlHint ?? "—")}
          </td>
          <td className="px-3 py-2 tabular-nums">{c.rules}</td>
          <td className="max-w-xs px-3 py-2 text-xs">
            {c.lastOutcome ? (
              <span
                className={
                  c.lastOutcome.status === "sent"
                    ? "text-green-800"
                    : c.lastOutcome.status === "failed"
                      ? "text-red-700"
                      : "text-zinc-600"
                }
              >
                {c.lastOutcome.status} · {c.lastOutcome.at.toISOString().replace("T", " ").slice(0, 16)} UTC
                {c.lastOutcome.detail ? ` · ${c.lastOutcome.detail}` : ""}
              </span>
            ) : (
              <span className="text-zinc-400">none yet</span>
            )}
          </td>
          <td className="px-3 py-2">
            <SendTestButton channelId={c.id} />
          </td>
          <td className="px-3 py-2">
            <RowActions
              name={c.name}
              enabled={c.enabled}
              onToggle={(enabled) => setAlertChannelEnabledAction({ id: c.id, enabled })}
              onDelete={() => deleteAlertChannelAction({ id: c.id })}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
