import { getAppMetrics } from "@/lib/telemetry/app-metrics";
import { getLogger, type Logger } from "@/lib/telemetry/logger";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/telemetry/request-id";
import { toErrorResponse } from "./responses";

// What every API request goes through, whichever wrapper answers it (withActor, withApiKey,
// the ingest endpoints, /metrics): a request id (the client's x-request-id when it sent a
// plain one, else a new one) on every log line and on the response, the time it took in
// crossdock_http_request_duration_seconds, and any error it throws answered (and logged)
// by toErrorResponse.

export interface RequestScope {
  requestId: string;
  // carries requestId and route: log through it, not getLogger()
  log: Logger;
}

export async function observeRequest(
  request: Request,
  route: string,
  handle: (scope: RequestScope) => Promise<Response>,
  answerError: (error: unknown, scope: RequestScope) => Response = (error, scope) =>
    toErrorResponse(error, route, scope.log),
): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdOf(request.headers);
  const scope = { requestId, log: getLogger().child({ requestId, route }) };
  let response: Response;
  try {
    response = await handle(scope);
  } catch (error) {
    response = answerError(error, scope);
  }
  const seconds = (performance.now() - started) / 1000;
  getAppMetrics().requestDuration.observe({ route, status: String(response.status) }, seconds);
  // Successes at debug: ingest answers many times a second. Refusals say why a client
  // failed; 503 (busy, database away) is a warning, as a flood of them would be an error.
  const fields = { status: response.status, ms: Math.round(seconds * 1000) };
  if (response.status === 500) scope.log.error(fields, "request failed");
  else if (response.status >= 500) scope.log.warn(fields, "request not served");
  else if (response.status >= 400) scope.log.info(fields, "request refused");
  else scope.log.debug(fields, "request answered");
  return withHeader(response, REQUEST_ID_HEADER, requestId);
}

// Responses made by fetch() or Response.redirect() have immutable headers: copy those.
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
