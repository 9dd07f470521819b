import type { ReactNode } from "react";

// A collapsible JSON tree from native <details>: works without JavaScript, keyboard and
// screen readers know it. Payloads arrive here already redacted at ingest; the redaction
// marker is highlighted so nobody mistakes it for the sender's value.

const REDACTED = "[redacted]";
// Large arrays (hundreds of order lines) would make the page crawl; the rest is summarised.
const MAX_ENTRIES = 200;

export function JsonTree({
  value,
  openDepth = 2,
  label = "payload",
}: {
  value: unknown;
  openDepth?: number;
  label?: string;
}) {
  return (
    <ul className="font-mono text-xs leading-5 text-zinc-800" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </ul>
  );
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: unknown;
  depth: number;
  openDepth: number;
}): ReactNode {
  const key = name === null ? null : <span className="text-zinc-500">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <li>
        {key}
        <Primitive value={value} />
      </li>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const shape = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) {
    return (
      <li>
        {key}
        <span className="text-zinc-400">{Array.isArray(value) ? "[]" : "{}"}</span>
      </li>
    );
  }
  return (
    <li>
      <details open={depth < openDepth}>
        <summary className="cursor-pointer select-none hover:bg-zinc-100">
          {key ?? <span className="text-zinc-500">{Array.isArray(value) ? "array" : "object"} </span>}
          <span className="text-zinc-400">{shape}</span>
        </summary>
        <ul className="ml-2 border-l border-zinc-200 pl-3">
          {entries.slice(0, MAX_ENTRIES).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > MAX_ENTRIES ? (
            <li className="text-zinc-400">… {entries.length - MAX_ENTRIES} more</li>
          ) : null}
        </ul>
      </details>
    </li>
  );
}

function Primitive({ value }: { value: unknown }) {
  if (value === REDACTED) return <span className="rounded bg-amber-100 px-1 text-amber-900">{REDACTED}</span>;
  if (typeof value === "string") return <span className="break-all text-emerald-800">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-blue-800">{value}</span>;
  if (typeof value === "boolean" || value === null) return <span className="text-purple-800">{String(value)}</span>;
  return <span>{String(value)}</span>;
}
