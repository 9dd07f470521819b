import Link from "next/link";

// Two different situations: nothing ingested yet (point at the ingest API) versus filters that match nothing.
export function TransactionsEmpty({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
        <h2 className="font-medium">No transactions match these filters</h2>
        <p className="mt-2 text-sm text-zinc-600">
          Search matches a business key, transaction id or reference exactly.{" "}
          <Link href="/transactions" className="font-medium text-blue-700 hover:underline">
            Clear filters
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      <h2 className="font-medium">No transactions yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-zinc-600">
        Transactions appear here as soon as your middleware sends events to{" "}
        <code className="rounded bg-zinc-100 px-1 font-mono text-xs">POST /api/v1/events</code> with an API key (create
        one with{" "}
        <code className="rounded bg-zinc-100 px-1 font-mono text-xs">
          npm run apikey:create -- --system &lt;name&gt;
        </code>
        ).
      </p>
    </div>
  );
}
