import Link from "next/link";
import type { z } from "zod";
import { Callout } from "@/components/ui/callout";

// A hand-edited or stale URL should explain itself, not crash the page.
export function InvalidAuditFilters({ issues }: { issues: z.core.$ZodIssue[] }) {
  return (
    <Callout tone="warning" title="These filters cannot be applied">
      <ul className="list-inside list-disc">
        {issues.map((issue) => (
          <li key={`${issue.path.join(".")}:${issue.message}`}>
            {String(issue.path[0] ?? "filters")}: {issue.message}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        <Link href="/admin/audit" className="font-medium underline">
          Clear filters
        </Link>
      </p>
    </Callout>
  );
}

export function InvalidAuditCursor({ firstPageHref }: { firstPageHref: string }) {
  return (
    <Callout tone="warning" title="This page link is not valid">
      The page position in the link was not one Crossdock produced.{" "}
      <Link href={firstPageHref} className="font-medium underline">
        Go to the newest entries
      </Link>
    </Callout>
  );
}
