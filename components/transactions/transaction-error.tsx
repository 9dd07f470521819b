import { humanize } from "@/components/ui/format";
import { FINAL_STATUSES, type Status } from "@/lib/domain/vocabulary";
import type { TransactionSummary } from "@/lib/queries/transaction-summary";

// The first thing a person needs on a failed transaction: what broke, and at which layer.
// Once the transaction is final (e.g. succeeded after a replay) the error is history, not an
// alarm; so it is while a replay of it is under way (the replay is the answer to it).
export function TransactionError({ t }: { t: TransactionSummary }) {
  if (!t.error) return null;
  const replaying = t.status === "replaying";
  const past = replaying || FINAL_STATUSES.includes(t.status as Status);
  const layer = t.failedLayer ? (
    <>
      {" "}
      at <span className="font-mono">{t.failedLayer}</span>
    </>
  ) : null;
  return (
    <section
      aria-labelledby="transaction-error-title"
      data-testid="transaction-error"
      className={`rounded-lg border p-4 ${past ? "border-zinc-200 bg-white text-zinc-800" : "border-red-300 bg-red-50 text-red-950"}`}
    >
      <h2 id="transaction-error-title" className={`text-sm font-semibold ${past ? "text-zinc-600" : "text-red-800"}`}>
        {past ? (
          <>
            Earlier error{layer}, {replaying ? "before the replay" : `before the transaction was ${humanize(t.status)}`}
          </>
        ) : (
          <>Error{layer}</>
        )}
      </h2>
      {t.error.code ? <p className="mt-2 font-mono text-sm font-semibold">{t.error.code}</p> : null}
      {t.error.message ? <p className="mt-1 whitespace-pre-wrap break-words text-sm">{t.error.message}</p> : null}
    </section>
  );
}
