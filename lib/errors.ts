import type { z } from "zod";

// The one error that checks, services and parsers refuse with. It carries the status it
// answers with, so each edge (route handlers, server actions, OTLP, the broker consumer)
// maps it in one place. Free of HTTP and sessions: command-line tools share the services.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    // extra members of the JSON error body, e.g. `fields` or `limitBytes`
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

// Each invalid field's path and what is wrong with it: { "to.0": "Invalid email address" }.
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
}

// Input -> the schema's output, or a 400 naming each invalid field.
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError(400, message, { fields: fieldErrorsOf(parsed.error) });
  return parsed.data;
}
