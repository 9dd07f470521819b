import { DashboardFilterBar } from "@/components/filters/dashboard-filter-bar";
import type { Catalogue } from "@/lib/queries/list-catalogue";

// Title, the question the view answers, and the shared filters. The filter bar only
// rewrites the URL (shallow): the view's queries follow the URL on their own.
export function DashboardViewHeader({
  title,
  question,
  catalogue,
  showWorkflows = true,
}: {
  title: string;
  question: string;
  catalogue: Catalogue;
  showWorkflows?: boolean;
}) {
  return (
    <div className="flex flex-col gap-3">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-zinc-600">{question}</p>
      </div>
      <DashboardFilterBar
        sites={catalogue.sites.map((s) => s.code)}
        workflows={showWorkflows ? catalogue.workflows : []}
        shallow
      />
    </div>
  );
}
