import { DataTable } from "@/components/ui/data-table";
import type { SystemListItem } from "@/lib/queries/list-systems";
import { kindLabel } from "../kind-options";
import { EditSystemForm } from "./edit-system-form";
import type { SiteChoice } from "./system-fields";

const HEADERS = ["Name", "Kind", "Site", "Replay endpoint", "API keys", "Edit"];
const none = <span className="text-zinc-400">—</span>;

export function SystemTable({ systems, sites }: { systems: SystemListItem[]; sites: SiteChoice[] }) {
  if (systems.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No systems yet. Add one above for each application that sends or receives messages.
      </p>
    );
  }
  return (
    <DataTable caption="Systems by name" headers={HEADERS} minWidth="900px">
      {systems.map((s) => (
        <tr key={s.id} data-system-name={s.name} className="align-top">
          <td className="px-3 py-2 font-mono text-xs">{s.name}</td>
          <td className="px-3 py-2">{kindLabel(s.kind)}</td>
          <td className="px-3 py-2">{s.siteCode ?? none}</td>
          <td className="max-w-xs px-3 py-2 font-mono text-xs break-all">
            {s.replayEndpoint ?? none}
            {s.replayEndpoint ? (
              <span className="mt-1 block font-sans text-zinc-500">
                auth header {s.replay.authHeaderSet ? "set" : "not set"} · {s.replay.ratePerSecond}/s ·{" "}
                {s.replay.concurrency} at once{s.replay.recordCheckUrl ? " · record check" : ""}
              </span>
            ) : null}
          </td>
          <td className="whitespace-nowrap px-3 py-2 tabular-nums">
            {s.activeApiKeys} active
            {s.apiKeys > s.activeApiKeys ? (
              <span className="text-zinc-500"> · {s.apiKeys - s.activeApiKeys} revoked</span>
            ) : null}
          </td>
          <td className="px-3 py-2">
            <details>
              <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">Edit</summary>
              <EditSystemForm system={s} sites={sites} />
            </details>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
