import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import type { AuditEntry } from "@/lib/queries/list-audit-log";

const HEADERS = ["Time (UTC)", "Person", "Action", "Target", "Change", "IP"];

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable caption="Audit log, newest first" headers={HEADERS} minWidth="960px">
      {entries.map((e) => (
        <tr key={e.id} data-audit-id={e.id} className="align-top">
          <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-zinc-700">
            <time dateTime={e.at}>{formatUtc(e.at).replace(" UTC", "")}</time>
          </td>
          <td className="px-3 py-2 break-all">{e.actor}</td>
          <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
          <td className="px-3 py-2 text-xs">
            {e.targetType ? <span className="text-zinc-500">{e.targetType} </span> : null}
            <span className="break-all font-mono">{e.targetId ?? "—"}</span>
          </td>
          <td className="px-3 py-2">
            <ChangeDetails before={e.before} after={e.after} />
          </td>
          <td className="px-3 py-2 font-mono text-xs text-zinc-700">
            {e.ip ?? <span className="text-zinc-400">—</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

// Collapsed: which fields changed (or what was recorded); open: the before/after JSON.
function ChangeDetails({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-zinc-400">—</span>;
  return (
    <details className="max-w-xl">
      <summary className="cursor-pointer text-xs text-zinc-700">{summarize(before, after)}</summary>
      <div className={`mt-2 grid gap-2 ${before != null && after != null ? "sm:grid-cols-2" : ""}`}>
        {before != null ? <JsonBlock label="Before" value={before} /> : null}
        {after != null ? <JsonBlock label="After" value={after} /> : null}
      </div>
    </details>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="text-xs font-medium text-zinc-600">{label}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs text-zinc-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function summarize(before: unknown, after: unknown): string {
  const keys = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : []);
  const b = before as Record<string, unknown> | null;
  const a = after as Record<string, unknown> | null;
  if (b && a) {
    const changed = [...new Set([...keys(b), ...keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    return changed.length > 0 ? `changed ${changed.join(", ")}` : "no field changed";
  }
  const fields = keys(a ?? b);
  const label = a ? "recorded" : "removed";
  return fields.length > 0 ? `${label} ${fields.join(", ")}` : label;
}
