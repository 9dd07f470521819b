import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { labelClass, primaryButtonClass } from "./form-styles";

// A labelled field with its error underneath, tied together for screen readers.
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className = "",
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

// The outcome of the last submit, for messages that belong to no single field.
export function ActionMessage({ result, success }: { result: ActionResult<unknown> | null; success?: string }) {
  if (!result) return null;
  if (result.ok)
    return success ? (
      <p role="status" className="text-sm text-green-800">
        {success}
      </p>
    ) : null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {result.message}
    </p>
  );
}

export function describedBy(id: string, error: string | undefined, hasHint = false): string | undefined {
  return error ? `${id}-error` : hasHint ? `${id}-hint` : undefined;
}

// The primary button of every admin form: disabled while the action runs, and says so.
export function SubmitButton({ pending, idle, busy }: { pending: boolean; idle: string; busy: string }) {
  return (
    <button type="submit" disabled={pending} className={primaryButtonClass}>
      {pending ? busy : idle}
    </button>
  );
}
