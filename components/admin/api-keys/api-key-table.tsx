import { formatUtc } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ApiKeyListItem } from "@/lib/queries/list-api-keys";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const HEADERS = ["Prefix", "Label", "System", "Scopes", "Created", "Last used", "Status", ""];

export function ApiKeyTable({ keys, now }: { keys: ApiKeyListItem[]; now: Date }) {
  if (keys.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No API keys yet. Create one above for each system that sends events.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[900px] text-left text-sm">
        <caption className="sr-only">API keys, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            {HEADERS.map((h) => (
              <th key={h || "actions"} scope="col" className="px-3 py-2 font-medium">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {keys.map((k) => (
            <tr key={k.id} data-api-key-prefix={k.prefix} className={k.revokedAt ? "text-zinc-500" : undefined}>
              <td className="px-3 py-2 font-mono text-xs">{k.prefix}</td>
              <td className="px-3 py-2">{k.name ?? <span className="text-zinc-400">—</span>}</td>
              <td className="px-3 py-2">{k.system}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {k.scopes.join(", ")}
                {k.sites.length > 0 ? (
                  <span className="block font-sans text-zinc-500">sites: {k.sites.join(", ")}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <RelativeTime iso={k.createdAt} now={now} />
              </td>
              <td className="px-3 py-2">
                {k.lastUsedAt ? (
                  <RelativeTime iso={k.lastUsedAt} now={now} />
                ) : (
                  <span className="text-zinc-400">never</span>
                )}
              </td>
              <td className="px-3 py-2">
                {k.revokedAt ? (
                  <span
                    title={formatUtc(k.revokedAt)}
                    className="inline-flex rounded-md bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-500/25"
                  >
                    Revoked
                  </span>
                ) : (
                  <span className="inline-flex rounded-md bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-600/25">
                    Active
                  </span>
                )}
              </td>
              <td className="px-3 py-2 text-right">
                {k.revokedAt ? null : <RevokeApiKeyButton id={k.id} prefix={k.prefix} system={k.system} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
