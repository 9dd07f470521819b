// A list's URL filters for its CSV export, read as the list page reads them: the first of
// a repeated parameter wins, and paging (cursor, limit) is dropped, because an export
// always starts at the newest row.
export function exportFilterParams(url: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) {
    if (!(key in params) && key !== "cursor" && key !== "limit") params[key] = value;
  }
  return params;
}
