import type { SystemListItem } from "@/lib/queries/list-systems";
import { kindLabel } from "../kind-options";
import { EditSystemForm } from "./edit-system-form";
import type { SiteChoice } from "./system-fields";

const HEADERS = ["Name", "Kind", "Site", "Replay endpoint", "API keys", "Edit"];
const none = <span className="text-zinc-400">—</span>;

export function SystemTable({ systems, sites }: { systems: SystemListItem[]; sites: SiteChoice[] }) {
  if (systems.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">No systems yet. Add one above for each application that sends or receives messages.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[900px] text-left text-sm">
        <caption className="sr-only">Systems by name</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {systems.map((s) => (
            <tr key={s.id} data-system-name={s.name} className="align-top">
              <td className="px-3 py-2 font-mono text-xs">{s.name}</td>
              <td className="px-3 py-2">{kindLabel(s.kind)}</td>
              <td className="px-3 py-2">{s.siteCode ?? none}</td>
              <td className="max-w-xs px-3 py-2 font-mono text-xs break-all">{s.replayEndpoint ?? none}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {s.activeApiKeys} active
                {s.apiKeys > s.activeApiKeys ? <span className="text-zinc-500"> · {s.apiKeys - s.activeApiKeys} revoked</span> : null}
              </td>
              <td className="px-3 py-2">
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">Edit</summary>
                  <EditSystemForm system={s} sites={sites} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
