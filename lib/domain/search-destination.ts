// Where the header search goes with its answer. Pure, so the browser (after /api/search)
// and the server (the /search page) follow the same rule.

export type SearchDestination = { kind: "trace"; id: string } | { kind: "list" } | { kind: "none" };

// One hit goes straight to its trace. So does a single exact match among prefix matches
// ("SHP-1" when SHP-10 and SHP-11 exist too): that is the one the person typed in full.
// Takes `{ id, exact }` so the browser can decide from the API's answer with the same rule.
export function searchDestination(hits: readonly { id: string; exact: boolean }[]): SearchDestination {
  if (hits.length === 0) return { kind: "none" };
  if (hits.length === 1) return { kind: "trace", id: hits[0]!.id };
  const exact = hits.filter((h) => h.exact);
  return exact.length === 1 ? { kind: "trace", id: exact[0]!.id } : { kind: "list" };
}
