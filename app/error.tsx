"use client";

// Shown when a page fails to load (most often: the database is unreachable).
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-lg font-semibold text-neutral-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-neutral-600">
        Crossdock could not read its data just now. If the database is restarting, this clears up on its own.
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-neutral-500">Reference: {error.digest}</p> : null}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-neutral-900 px-4 py-2 text-sm font-medium text-white hover:bg-neutral-700"
      >
        Try again
      </button>
    </div>
  );
}
