// The transaction list filtered to one error signature of one workflow: the way from a
// dashboard's "top errors" to the transactions behind them (and from there, replay).
export function errorSignatureHref(workflow: string, errorSignature: string): string {
  return `/transactions?${new URLSearchParams({ workflow, errorSignature })}`;
}
