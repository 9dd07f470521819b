import { z } from "zod";

// SIMULATION, not product code. The request bodies the replay target accepts (see
// README.md in this folder), validated with zod so a 400 names the offending field.

export const LAYERS = ["source_api", "middleware", "broker", "target_api"] as const;
export type Layer = (typeof LAYERS)[number];

export const FAULT_MODES = ["none", "down", "timeout", "conflict"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`),
});
const text = (max: number) =>
  z.string(required("a string")).trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => text(max).nullish();
const workflowName = z
  .string(required("a string"))
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, "must be a workflow name such as shipment_confirmation");
const errorCode = text(100);

export const replayRequestSchema = z.object(
  {
    transactionId: text(200),
    crossdockId: text(200),
    workflow: workflowName,
    refs: z
      .object(
        {
          orderId: optionalText(200),
          shipmentId: optionalText(200),
          loadId: optionalText(200),
          invoiceId: optionalText(200),
          sku: optionalText(200),
          customerId: optionalText(200),
        },
        required("an object"),
      )
      .nullish(),
    businessKey: optionalText(200),
    payload: z.unknown().optional(),
    replayId: text(150),
    requestedBy: text(200),
    reason: z.string(required("a string")).max(2000, "must be at most 2000 characters").nullish(),
    // The transaction's last error: the cause the replay runs into again while it is not fixed.
    lastError: z
      .object(
        {
          code: errorCode,
          message: z.string(required("a string")).max(4000, "must be at most 4000 characters").nullish(),
          layer: z.enum(LAYERS, { error: () => `must be one of ${LAYERS.join(", ")}` }).nullish(),
        },
        required("an object"),
      )
      .nullish(),
    // Optional: the attempt number this replay is (the transaction's attempts + 1).
    attempt: z
      .number(required("a number"))
      .int("must be an integer")
      .min(2, "must be at least 2")
      .max(10_000)
      .optional(),
  },
  required("a JSON object"),
);

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

const recordSeed = z.object(
  { workflow: workflowName, businessKey: text(200), documentId: optionalText(200) },
  required("an object"),
);
export type RecordSeed = z.infer<typeof recordSeed>;

export const faultSchema = z.object(
  {
    mode: z.enum(FAULT_MODES, { error: () => `must be one of ${FAULT_MODES.join(", ")}` }),
    // How many requests the fault applies to before it clears itself; absent: until changed.
    times: z.number(required("a number")).int("must be an integer").min(1, "must be at least 1").optional(),
    // For "timeout": how long a request is held before the connection is dropped unanswered.
    timeoutMs: z
      .number(required("a number"))
      .int("must be an integer")
      .min(1)
      .max(600_000, "must be at most 600000")
      .optional(),
  },
  required("an object"),
);
export type FaultInput = z.infer<typeof faultSchema>;

const delayRange = z
  .object(
    {
      min: z.number(required("a number")).int("must be an integer").min(0, "must be at least 0").max(600_000),
      max: z.number(required("a number")).int("must be an integer").min(0, "must be at least 0").max(600_000),
    },
    required("an object"),
  )
  .refine((d) => d.min <= d.max, { message: "min must not exceed max", path: ["min"] });
export type DelayRange = z.infer<typeof delayRange>;

export const controlSchema = z.strictObject(
  {
    reset: z.boolean(required("a boolean")).optional(),
    fixed: z.array(errorCode, required("an array of error codes")).optional(),
    broken: z.array(errorCode, required("an array of error codes")).optional(),
    fault: faultSchema.nullish(),
    records: z.array(recordSeed, required("an array")).optional(),
    outcomeDelayMs: delayRange.optional(),
  },
  required("a JSON object"),
);
export type ControlInput = z.infer<typeof controlSchema>;

// "lastError.code is required" style messages: the first issue, with its field path.
export function describeIssues(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: "", message: "The body is invalid." };
  if (issue.code === "unrecognized_keys") {
    const field = issue.keys.join(", ");
    return { field, message: `Unknown field(s): ${field}.` };
  }
  const field = issue.path.map(String).join(".");
  return { field, message: field ? `${field} ${issue.message}.` : `The body ${issue.message}.` };
}

// W3C trace context: "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>". An invalid
// header is ignored (the spec says to start a new trace), never a 400.
export function parseTraceparent(header: string | undefined): { traceId: string; parentSpanId: string } | null {
  const m = header
    ?.trim()
    .toLowerCase()
    .match(/^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/);
  if (!m || m[1] === "ff" || /^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return null;
  return { traceId: m[2]!, parentSpanId: m[3]! };
}
