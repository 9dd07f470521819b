// What a card shows when its data could not be loaded or drawn: the rest of the page keeps working.
export function CardError({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-3 text-sm text-red-900"
    >
      <p>
        <span className="font-medium">Could not load this card.</span>{" "}
        {message ?? "Crossdock could not read its data just now."}
      </p>
      {onRetry ? (
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-medium text-red-900 hover:bg-red-100"
        >
          Try again
        </button>
      ) : null}
    </div>
  );
}
