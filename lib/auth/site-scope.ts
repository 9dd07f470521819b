// Site scoping: a user limited to sites sees only transactions of those sites, in every
// list, count, search and lookup. An empty list means every site.
export type SiteScope = { kind: "all" } | { kind: "sites"; sites: readonly string[] };

export const ALL_SITES: SiteScope = { kind: "all" };

export function siteScopeOf(sites: readonly string[]): SiteScope {
  return sites.length === 0 ? ALL_SITES : { kind: "sites", sites };
}

export function inScope(scope: SiteScope, site: string | null): boolean {
  return scope.kind === "all" || (site !== null && scope.sites.includes(site));
}
