import Link from "next/link";
import type { Catalogue } from "@/lib/queries/list-catalogue";
import { DashboardFilterBar } from "@/components/filters/dashboard-filter-bar";
import { EmptyState } from "@/components/ui/empty-state";

// The shell of a dashboard view whose figures are not built yet: its title, the shared
// filters (so links made today keep working) and what will be here.
export function ComingSoonView({ title, question, catalogue }: { title: string; question: string; catalogue: Catalogue }) {
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <DashboardFilterBar sites={catalogue.sites.map((s) => s.code)} workflows={catalogue.workflows} />
      <EmptyState
        title="Coming soon"
        description={question}
        action={
          <Link href="/transactions" className="font-medium text-blue-700 hover:underline">
            Meanwhile, look at the transactions
          </Link>
        }
      />
    </div>
  );
}
