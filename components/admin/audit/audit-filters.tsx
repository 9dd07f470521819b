import Link from "next/link";
import { inputClass, labelClass, primaryButtonClass, selectClass } from "../form-styles";
import type { AuditParams } from "./audit-params";

// A plain GET form: submitting it rewrites the URL, which is the only filter state there is.
export function AuditFilters({ params, actions }: { params: AuditParams; actions: string[] }) {
  const options = params.action && !actions.includes(params.action) ? [...actions, params.action] : actions;
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Person
        </label>
        <input
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={params.actor ?? ""}
          placeholder="email or part of it"
          className={`${inputClass} w-60`}
        />
      </div>
      <label className="flex h-9 items-center gap-2 text-sm text-zinc-700">
        <input
          type="checkbox"
          name="match"
          value="exact"
          defaultChecked={params.match === "exact"}
          className="size-4 rounded border-zinc-300"
        />
        Exact match
      </label>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={params.action ?? ""} className={`${selectClass} w-56`}>
          <option value="">All actions</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className={labelClass}>
          From (UTC)
        </label>
        <input
          id="audit-from"
          name="from"
          defaultValue={params.from ?? ""}
          placeholder="2026-11-02 09:00"
          className={`${inputClass} w-44 font-mono`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className={labelClass}>
          To (UTC, inclusive)
        </label>
        <input
          id="audit-to"
          name="to"
          defaultValue={params.to ?? ""}
          placeholder="2026-11-02"
          className={`${inputClass} w-44 font-mono`}
        />
      </div>
      {params.limit ? <input type="hidden" name="limit" value={params.limit} /> : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButtonClass}>
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm text-zinc-600 hover:text-zinc-950 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
