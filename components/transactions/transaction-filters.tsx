import Link from "next/link";
import { humanize } from "@/components/ui/format";
import { STATUSES } from "@/lib/domain/vocabulary";
import type { Catalogue } from "@/lib/queries/list-catalogue";
import { carriedParams, type ListParams } from "./list-params";

// A plain GET form: submitting it rewrites the URL, which is the only filter state there is.
export function TransactionFilters({ catalogue, params }: { catalogue: Catalogue; params: ListParams }) {
  const workflows = withCurrent(
    catalogue.workflows.map((w) => ({ value: w.name, label: w.registered ? w.name : `${w.name} (unregistered)` })),
    params.workflow,
  );
  const sites = withCurrent(
    catalogue.sites.map((s) => ({ value: s.code, label: s.code })),
    params.site,
  );
  const statuses = withCurrent(
    STATUSES.map((s) => ({ value: s, label: humanize(s) })),
    params.status,
  );
  const carried = carriedParams(params);
  const carriedFilters = carried.filter(([key]) => key !== "limit");

  return (
    <form
      method="get"
      action="/transactions"
      role="search"
      aria-label="Filter transactions"
      className="flex flex-wrap items-end gap-3"
    >
      <Select name="workflow" label="Workflow" allLabel="All workflows" options={workflows} value={params.workflow} />
      <Select name="site" label="Site" allLabel="All sites" options={sites} value={params.site} />
      <Select name="status" label="Status" allLabel="All statuses" options={statuses} value={params.status} />
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor="filter-q" className="text-xs font-medium text-zinc-600">
          Search
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder="Business key, transaction id or any reference"
          className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm placeholder:text-zinc-400 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20"
        />
      </div>
      {carried.map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          className="h-9 rounded-md bg-zinc-900 px-4 text-sm font-medium text-white hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2"
        >
          Apply filters
        </button>
        <Link href="/transactions" className="text-sm text-zinc-600 hover:text-zinc-950 hover:underline">
          Clear
        </Link>
      </div>
      {carriedFilters.length > 0 ? (
        <p className="basis-full text-xs text-zinc-600">
          Also filtered by {carriedFilters.map(([key, value]) => `${key} = ${value}`).join(", ")}.
        </p>
      ) : null}
    </form>
  );
}

interface Option {
  value: string;
  label: string;
}

// A value from the URL that the catalogue does not list still shows as selected, instead of silently reading "All".
function withCurrent(options: Option[], current: string | undefined): Option[] {
  if (!current || options.some((o) => o.value === current)) return options;
  return [...options, { value: current, label: current }];
}

function Select({
  name,
  label,
  allLabel,
  options,
  value,
}: {
  name: string;
  label: string;
  allLabel: string;
  options: Option[];
  value: string | undefined;
}) {
  const id = `filter-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        className="h-9 min-w-40 rounded-md border border-zinc-300 bg-white px-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20"
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
