// The domain rule: a workflow unknown to the catalogue is accepted at ingest and flagged, never dropped.
export function UnregisteredFlag() {
  return (
    <span
      title="Not in the workflow catalogue: auto-registered when its first event arrived"
      className="ml-2 whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900"
    >
      unregistered
    </span>
  );
}
