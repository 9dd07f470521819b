import type { z } from "zod";
import { auditContextOf } from "@/lib/actions/audit-context";
import type { ApiScope } from "@/lib/auth/api-keys";
import { type Requester, requesterOfKey } from "@/lib/auth/requester";
import { getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AuditContext } from "@/lib/services/write-audit-row";
import { answerOnce, type CommandAnswer } from "./idempotent-call";
import { describeJsonError } from "./read-json-body";
import { readLimitedBody } from "./read-limited-body";
import { withApiKey } from "./route-handler";

// The API's commands for automation (replay, bulk replay, resolve, cancel): what server
// actions are to people. Each is an API key with the scope, the path and JSON body checked
// (unknown body fields are refused by name, so a typo never widens what runs), the
// Idempotency-Key honoured, then the same service the people's action calls, with the key
// as the requester the rules and the audit log see.

const MAX_BODY_BYTES = 64 * 1024;

export interface CommandSpec<S extends z.ZodType> {
  scope: ApiScope;
  name: string; // "POST /api/v1/transactions/{id}/replay", for the server log
  fields: readonly string[]; // the body's fields
  schema: S; // validates what `input` builds
  input: (body: Record<string, unknown>, params: Record<string, string>) => unknown;
  run: (input: z.output<S>, by: Requester, audit: AuditContext) => Promise<CommandAnswer>;
}

export function apiCommand<S extends z.ZodType>(spec: CommandSpec<S>) {
  return withApiKey<{ params: Promise<Record<string, string>> }>(
    spec.scope,
    spec.name,
    async (request, caller, context) => {
      const body = await readCommandBody(request);
      const unknown = Object.keys(body).filter((k) => !spec.fields.includes(k));
      if (unknown.length > 0)
        throw new AppError(400, "The request body has fields this call does not take.", {
          fields: Object.fromEntries(
            unknown.map((k) => [k, `is not a field of this call (it takes ${spec.fields.join(", ") || "none"})`]),
          ),
        });
      // Checked before the Idempotency-Key is taken: a corrected request may reuse the key.
      const parsed = spec.schema.safeParse(spec.input(body, await context.params));
      if (!parsed.success) throw new AppError(400, "The request is not valid.", { fields: fieldsOf(parsed.error) });
      const by = requesterOfKey(caller);
      return answerOnce(
        { pool: getPool(), apiKeyId: caller.keyId, request, body, ttlHours: getEnv().API_IDEMPOTENCY_TTL_HOURS },
        () => spec.run(parsed.data, by, auditContextOf(request.headers)),
      );
    },
  );
}

// An empty body is an empty object (a cancel needs nothing more); anything else is JSON.
async function readCommandBody(request: Request): Promise<Record<string, unknown>> {
  const tooLarge = () =>
    new AppError(413, `The request body exceeds the limit of ${MAX_BODY_BYTES} bytes.`, { limitBytes: MAX_BODY_BYTES });
  const text = (await readLimitedBody(request, MAX_BODY_BYTES, tooLarge)).toString("utf8");
  if (text.trim() === "") return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new AppError(415, `Content-Type must be application/json (got ${type ? `'${type}'` : "none"}).`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(400, `Malformed JSON: ${describeJsonError(text)}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError(400, "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

// Each invalid field and what is wrong with it, every problem of a field kept (an unknown
// filter field and an empty filter both); a problem of the whole body is named "body".
function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "body";
    fields[path] = fields[path] ? `${fields[path]}; ${issue.message}` : issue.message;
  }
  return fields;
}
