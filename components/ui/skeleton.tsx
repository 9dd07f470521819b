// A grey placeholder in the shape of what is loading, so the page does not jump when it arrives.
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-zinc-200/70 ${className}`} />;
}

// The body of a card while its data loads: a headline figure and a chart-sized block.
export function CardBodySkeleton({ height = "h-40" }: { height?: string }) {
  return (
    <div role="status" aria-label="Loading" className="flex flex-col gap-3">
      <Skeleton className="h-6 w-24" />
      <Skeleton className={`${height} w-full`} />
    </div>
  );
}
