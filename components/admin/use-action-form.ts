"use client";

import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

// Submits a form to a server action that takes a plain object, keeping what was typed
// when the action refuses it (a native form action would reset the fields).
export function useActionForm<T>(
  submit: (form: FormData) => Promise<ActionResult<T>>,
  onSuccess?: (data: T, form: HTMLFormElement) => void,
) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      let next: ActionResult<T>;
      try {
        next = await submit(data);
      } catch {
        next = { ok: false, status: 500, message: "The server could not be reached; nothing was changed." };
      }
      setResult(next);
      if (next.ok) onSuccess?.(next.data, form);
    });
  }

  // The message for one field; zod paths of list items ("sites.1") count for their list.
  function fieldError(name: string): string | undefined {
    if (!result || result.ok || !result.fieldErrors) return undefined;
    const entry = Object.entries(result.fieldErrors).find(([path]) => path === name || path.startsWith(`${name}.`));
    return entry?.[1];
  }

  return { result, pending, onSubmit, fieldError, reset: () => setResult(null) };
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

// "east, central" -> ["east", "central"]
export function formList(form: FormData, name: string): string[] {
  return formText(form, name)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
