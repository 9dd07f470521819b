import { z } from "zod";
import {
  SLA_MINUTES_MAX,
  SLA_MINUTES_MIN,
  SYSTEM_KINDS,
  SYSTEM_NAME_PATTERN,
  WORKFLOW_NAME_PATTERN,
} from "@/lib/domain/catalogue";

// Field rules shared by creating and updating workflows and systems, so both answer the
// same way. Optional fields take "" or null for "none": that is what the forms send.

const KIND_CHOICES = `Choose one of: ${SYSTEM_KINDS.join(", ")}.`;

export const workflowName = z
  .string()
  .trim()
  .min(1, "Enter a name, e.g. goods_receipt.")
  .max(100, "A name has at most 100 characters.")
  .regex(
    WORKFLOW_NAME_PATTERN,
    "Use lowercase letters, digits and single underscores, starting with a letter (e.g. goods_receipt).",
  );

export const systemName = z
  .string()
  .trim()
  .min(1, "Enter a name, e.g. wms-east.")
  .max(100, "A name has at most 100 characters.")
  .regex(
    SYSTEM_NAME_PATTERN,
    "Use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. wms-east).",
  );

export const systemKind = z.enum(SYSTEM_KINDS, { message: KIND_CHOICES });

// A kind that may be left empty (a workflow's direction and system of record).
export const optionalKind = z
  .enum(["", ...SYSTEM_KINDS], { message: KIND_CHOICES })
  .nullable()
  .transform((v) => v || null);

export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullable()
    .transform((v) => v || null);
}

export const slaMinutes = z
  .number({ message: "Enter the SLA in whole minutes." })
  .int("Enter the SLA in whole minutes.")
  .min(SLA_MINUTES_MIN, `The SLA is between ${SLA_MINUTES_MIN} and ${SLA_MINUTES_MAX.toLocaleString("en-US")} minutes.`)
  .max(
    SLA_MINUTES_MAX,
    `The SLA is between ${SLA_MINUTES_MIN} and ${SLA_MINUTES_MAX.toLocaleString("en-US")} minutes.`,
  );

// Where Crossdock asks the middleware to redeliver: an absolute http(s) URL. Credentials
// in it are refused: the URL is shown in the admin list and copied into the audit log.
export const replayEndpoint = z
  .string()
  .trim()
  .max(2000, "A URL has at most 2000 characters.")
  .nullable()
  .transform((v) => v || null)
  .superRefine((v, ctx) => {
    const problem = v === null ? null : replayEndpointProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

function replayEndpointProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, e.g. https://middleware.example.com/replay.";
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !/^https?:\/\//i.test(value) || url.hostname === "")
    return "Enter an http:// or https:// URL.";
  if (url.username !== "" || url.password !== "") return "Leave user names and passwords out of the URL.";
  return null;
}

// A site code from the catalogue, or none; the service checks that the site exists.
export const siteCode = z
  .string()
  .trim()
  .max(100)
  .nullable()
  .transform((v) => v || null);

// A replay endpoint's credentials (e.g. "Bearer abc…"), write-only: "" leaves the stored
// one as it is; clearing is a separate, explicit choice.
export const replayAuthHeader = z
  .string()
  .trim()
  .max(4000, "At most 4000 characters.")
  .refine((v) => !/[\r\n]/.test(v), "One line only: the value of the Authorization header.")
  .optional()
  .transform((v) => v || undefined);

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} is between ${min} and ${max.toLocaleString("en-US")}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} is between ${min} and ${max.toLocaleString("en-US")}.`);

export const replayTimeoutMs = wholeNumber("the timeout in ms", 100, 120_000);
export const replayConcurrency = wholeNumber("the concurrency", 1, 200);
export const replayRatePerSecond = wholeNumber("the rate per second", 1, 10_000);

// A workflow's SLA per site, overriding its own SLA there: { south: 270 } from the catalogue
// file, or "south=270, central=45" as the admin form sends it ("" for none). Given, it is
// the complete set: sites left out go back to the workflow's SLA.
const siteSlaMap = z.record(
  z.string().trim().min(1, "Name the site.").max(100, "A site code has at most 100 characters."),
  slaMinutes,
);

export const siteSlas = z.preprocess((value, ctx) => {
  if (typeof value !== "string") return value;
  const out: Record<string, number> = {};
  for (const part of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `"${part}": write site=minutes, e.g. south=270.`, input: value });
      return z.NEVER;
    }
    if (Object.hasOwn(out, m[1]!)) {
      ctx.addIssue({ code: "custom", message: `The site ${m[1]} is named twice.`, input: value });
      return z.NEVER;
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
}, siteSlaMap);
