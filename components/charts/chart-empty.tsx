// Where a chart would be, when there is nothing to draw: same height, so cards line up.
export function ChartEmpty({ height, message = "No data in this window" }: { height: number; message?: string }) {
  return (
    <div
      style={{ height }}
      className="flex items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500"
      data-testid="chart-empty"
    >
      {message}
    </div>
  );
}
