export function searchPageHref(query: string): string {
  return `/search?${new URLSearchParams({ q: query })}`;
}
