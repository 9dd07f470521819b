import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import type { WorkflowListItem } from "@/lib/queries/list-workflows";
import { kindLabel } from "../kind-options";
import { EditWorkflowForm } from "./edit-workflow-form";
import { RegisterWorkflowButton } from "./register-workflow-button";

const HEADERS = ["Name", "Description", "Direction", "Owner", "System of record", "SLA", "Status", "Edit"];
const none = <span className="text-zinc-400">—</span>;

export function WorkflowTable({ workflows }: { workflows: WorkflowListItem[] }) {
  if (workflows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No workflows yet. Register one above, or send events: new workflow names are added here for you to register.
      </p>
    );
  }
  return (
    <DataTable caption="Workflows: those first seen at ingest first, then by name" headers={HEADERS} minWidth="1000px">
      {workflows.map((w) => (
        <tr key={w.id} data-workflow-name={w.name} className={w.registered ? "align-top" : "align-top bg-amber-50/40"}>
          <td className="px-3 py-2 font-mono text-xs">{w.name}</td>
          <td className="px-3 py-2">{w.description ?? none}</td>
          <td className="whitespace-nowrap px-3 py-2">
            {w.sourceKind || w.targetKind ? (
              <>
                {kindLabel(w.sourceKind) ?? "?"} <span aria-hidden="true">→</span>
                <span className="sr-only">to</span> {kindLabel(w.targetKind) ?? "?"}
              </>
            ) : (
              none
            )}
          </td>
          <td className="px-3 py-2">{w.owner ?? none}</td>
          <td className="px-3 py-2">{kindLabel(w.systemOfRecord) ?? none}</td>
          <td className="whitespace-nowrap px-3 py-2 tabular-nums">
            {w.slaMinutes.toLocaleString("en-US")} min
            {Object.entries(w.siteSlas).map(([site, minutes]) => (
              <div key={site} className="text-xs text-zinc-600">
                {site}: {minutes.toLocaleString("en-US")} min
              </div>
            ))}
          </td>
          <td className="px-3 py-2">
            {w.registered ? (
              <span className="inline-flex rounded-md bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-600/25">
                Registered
              </span>
            ) : (
              <div className="flex flex-col items-start gap-2">
                <span
                  title={`First seen ${formatUtc(w.createdAt)}`}
                  className="inline-flex whitespace-nowrap rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/30"
                >
                  Unregistered — first seen at ingest
                </span>
                <RegisterWorkflowButton id={w.id} name={w.name} />
              </div>
            )}
          </td>
          <td className="px-3 py-2">
            <details>
              <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">Edit</summary>
              <EditWorkflowForm workflow={w} />
            </details>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
