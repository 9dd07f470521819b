// An issue's own page.
export function issueHref(id: number): string {
  return `/failures/issues/${id}`;
}
