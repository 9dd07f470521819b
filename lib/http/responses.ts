import { ZodError } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { getLogger, type Logger } from "@/lib/telemetry/logger";

// One place that turns failures into HTTP answers: a short JSON body that says what
// was wrong and where, never a stack trace.

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(
  status: number,
  message: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
): Response {
  return jsonResponse({ error: { status, message, ...details } }, status, headers);
}

// SQLSTATE classes and socket errors that mean "the database is not there right now".
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "53000",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(error.message);
}

// `log`: the request's logger (observeRequest), so the error's line carries its request id.
export function toErrorResponse(error: unknown, context: string, log: Logger = getLogger()): Response {
  if (error instanceof AppError) return errorResponse(error.status, error.message, error.details, error.headers);
  if (error instanceof ZodError)
    return errorResponse(400, "The request is not valid.", { fields: fieldErrorsOf(error) });
  if (isDatabaseUnavailable(error)) {
    return errorResponse(503, "The database is unavailable; nothing was stored. Retry later.", undefined, {
      "retry-after": "5",
    });
  }
  log.error({ err: error }, `${context} failed`);
  return errorResponse(500, "Internal error; nothing was stored. The server log has the details.");
}
