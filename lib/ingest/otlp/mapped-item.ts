import type { FieldError } from "../canonical-event";

// One span or log record turned into the native event shape, before validation.
export interface MappedItem {
  // native event fields (see lib/ingest/native-event.ts)
  native: Record<string, unknown>;
  // how a rejection names the item, e.g. span 00f067aa0ba902b7 of trace 4bf92f35... ("POST /orders")
  label: string;
  // problems found while mapping (a missing workflow, an unusable id or time)
  problems: FieldError[];
  // native field -> the OTLP field that supplied it, where that is not a crossdock.* attribute
  origin: Record<string, string>;
}

export const FAILURE_STAGES = ["failed", "dead_lettered", "retry_scheduled"];

export function nanosToIso(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

export function problem(path: string, message: string): FieldError {
  return { path, message, code: "invalid" };
}

const HEX_ID: Record<16 | 32, RegExp> = { 16: /^[0-9a-f]{16}$/, 32: /^[0-9a-f]{32}$/ };

export function hexIdProblem(field: string, value: string, hexLength: 16 | 32): FieldError | null {
  if (value === "") return problem(field, "is missing");
  return HEX_ID[hexLength].test(value)
    ? null
    : problem(field, `must be ${hexLength} hex digits (got '${value.slice(0, 40)}')`);
}
