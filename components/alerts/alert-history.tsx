import type { AlertHistoryItem } from "@/lib/queries/alerts/list-alert-history";

const when = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

const STATUS_CLASS: Record<string, string> = {
  sent: "text-green-800",
  failed: "text-red-700",
  pending: "text-zinc-600",
  sending: "text-zinc-600",
};

// Alerts, open ones first, each with its notifications and how each delivery went.
export function AlertHistory({ alerts }: { alerts: AlertHistoryItem[] }) {
  if (alerts.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-8 text-center text-sm text-zinc-600">
        No alerts yet. They appear here when a rule starts firing.
      </p>
    );
  }
  return (
    <ol className="flex flex-col gap-3">
      {alerts.map((a) => (
        <li
          key={a.id}
          data-alert-rule={a.rule}
          className={`rounded-lg border bg-white p-4 ${a.resolvedAt ? "border-zinc-200" : "border-red-300"}`}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="font-medium">
              {a.resolvedAt ? (
                <span className="mr-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">resolved</span>
              ) : (
                <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">open</span>
              )}
              {a.rule}
              {a.ruleId === null ? (
                <span className="ml-2 text-xs font-normal text-zinc-500">(rule deleted)</span>
              ) : null}
            </h2>
            <p className="text-xs text-zinc-600">
              since {when(a.openedAt)}
              {a.resolvedAt ? ` · resolved ${when(a.resolvedAt)}` : ""}
            </p>
          </div>
          {a.summary ? <p className="mt-1 text-sm text-zinc-700">{a.summary}</p> : null}
          {a.link ? (
            <a href={a.link} className="mt-1 inline-block text-sm text-blue-700 hover:underline">
              Open the view that explains it
            </a>
          ) : null}
          {a.notifications.length > 0 ? (
            <table className="mt-3 w-full text-left text-xs">
              <caption className="sr-only">Notifications of {a.rule}</caption>
              <thead className="text-zinc-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Message
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Channel
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Delivery
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {a.notifications.map((n) => (
                  <tr key={n.id} className="align-top">
                    <td className="whitespace-nowrap py-1 pr-3">{when(n.createdAt)}</td>
                    <td className="py-1 pr-3">{n.event}</td>
                    <td className="py-1 pr-3">{n.channel}</td>
                    <td className={`py-1 pr-3 break-all ${STATUS_CLASS[n.status] ?? ""}`}>
                      {n.status}
                      {n.attempts > 1 ? ` after ${n.attempts} attempts` : ""}
                      {n.error ? ` · ${n.error}` : n.response ? ` · ${n.response}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="mt-2 text-xs text-zinc-500">No channels were attached to the rule.</p>
          )}
        </li>
      ))}
    </ol>
  );
}
