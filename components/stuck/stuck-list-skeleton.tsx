import { Skeleton } from "@/components/ui/skeleton";

// Three sentence-shaped rows while the groups load.
export function StuckListSkeleton() {
  return (
    <div role="status" aria-label="Loading" className="flex flex-col gap-4">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-6">
          <Skeleton className="h-5 flex-1" />
          <Skeleton className="h-8 w-96" />
        </div>
      ))}
    </div>
  );
}
