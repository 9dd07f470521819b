import { RelativeTime } from "@/components/ui/relative-time";
import type { RedactionRuleListItem } from "@/lib/queries/list-redaction-rules";
import { RemoveRedactionRuleButton } from "./remove-redaction-rule-button";

export function RedactionRuleList({ rules, now }: { rules: RedactionRuleListItem[]; now: Date }) {
  if (rules.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No paths are masked: payloads are stored as sent.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[640px] text-left text-sm">
        <caption className="sr-only">Masked payload paths</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Path
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Added by
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Added
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rules.map((r) => (
            <tr key={r.id} data-redaction-path={r.path}>
              <td className="px-3 py-2 font-mono text-xs">{r.path}</td>
              <td className="px-3 py-2">
                {r.createdBy === "default" ? <span className="text-zinc-500">built-in default</span> : r.createdBy}
              </td>
              <td className="px-3 py-2">
                <RelativeTime iso={r.createdAt} now={now} />
              </td>
              <td className="px-3 py-2 text-right">
                <RemoveRedactionRuleButton id={r.id} path={r.path} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
