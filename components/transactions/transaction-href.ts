// Links use Crossdock's own id: the sender's transaction id is only unique per sender.
export function transactionHref(id: string): string {
  return `/transactions/${encodeURIComponent(id)}`;
}
