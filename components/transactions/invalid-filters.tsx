import Link from "next/link";
import type { z } from "zod";
import { Callout } from "@/components/ui/callout";
import { STATUSES } from "@/lib/domain/vocabulary";
import type { ListParams } from "./list-params";

// A hand-edited or stale URL should explain itself, not crash the page.
export function InvalidFilters({ issues, params }: { issues: z.core.$ZodIssue[]; params: ListParams }) {
  return (
    <Callout tone="warning" title="These filters cannot be applied">
      <ul className="list-inside list-disc">
        {issues.map((issue) => (
          <li key={`${issue.path.join(".")}:${issue.message}`}>{describeIssue(issue, params)}</li>
        ))}
      </ul>
      <p className="mt-2">
        <Link href="/transactions" className="font-medium underline">
          Clear filters
        </Link>
      </p>
    </Callout>
  );
}

export function InvalidCursor({ firstPageHref }: { firstPageHref: string }) {
  return (
    <Callout tone="warning" title="This page link is not valid">
      The page position in the link was not one Crossdock produced.{" "}
      <Link href={firstPageHref} className="font-medium underline">
        Go to the first page
      </Link>
    </Callout>
  );
}

// Zod's messages name types ("Invalid input"); people need to know which value is wrong and what would work.
function describeIssue(issue: z.core.$ZodIssue, params: ListParams): string {
  const key = String(issue.path[0] ?? "");
  const value = params[key];
  if (key === "status") return `"${value}" is not a status. Use one of: ${STATUSES.join(", ")}.`;
  if (key === "limit") return `"${value}" is not a page size. Use a whole number from 1 to 500.`;
  return `${key || "filters"}: ${issue.message}`;
}
