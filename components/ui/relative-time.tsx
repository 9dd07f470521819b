import { formatAge, formatUtc } from "./format";

// Rendered on the server at request time; the page is dynamic, so the age is fresh on every load.
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="whitespace-nowrap">
      {formatAge(iso, now)}
    </time>
  );
}
