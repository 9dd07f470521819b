import { z } from "zod";
import { outboundHostProblem, outboundUrlProblem } from "@/lib/net/outbound-guard";

// On save, before anything is written: a URL or host that calls would be refused for
// (an internal address, see lib/net/outbound-guard.ts) is a field error with the reason,
// shown beside the field like any other validation message.
export async function checkOutboundFields(fields: {
  urls?: Record<string, string | null | undefined>;
  hosts?: Record<string, string | null | undefined>;
}): Promise<void> {
  const checks = [
    ...Object.entries(fields.urls ?? {}).map(
      ([path, url]) => [path, url, url ? outboundUrlProblem(url) : null] as const,
    ),
    ...Object.entries(fields.hosts ?? {}).map(
      ([path, host]) => [path, host, host ? outboundHostProblem(host) : null] as const,
    ),
  ];
  const issues: z.core.$ZodIssue[] = [];
  for (const [path, input, problem] of checks) {
    const message = await problem;
    if (message) issues.push({ code: "custom", path: [path], message, input });
  }
  if (issues.length > 0) throw new z.ZodError(issues);
}
