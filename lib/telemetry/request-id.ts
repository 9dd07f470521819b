import { randomUUID } from "node:crypto";

// The id that ties a request's log lines to the answer a client got (and to the lines of
// a proxy in front, when it sends one). A sent id is kept only when it is short and plain,
// so nobody can write arbitrary text into our logs through it; otherwise a new one is made.
export const REQUEST_ID_HEADER = "x-request-id";

const PLAIN_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestIdOf(headers: Headers): string {
  const sent = headers.get(REQUEST_ID_HEADER);
  return sent !== null && PLAIN_ID.test(sent) ? sent : randomUUID();
}
