"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

// Email + password through next-auth's credentials provider; the server's message (wrong
// password, too many attempts, disabled account) is shown as it is.
export function SignInForm({
  callbackUrl,
  sso,
  initialError,
}: {
  callbackUrl: string;
  sso: string | null;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(
      result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not correct.",
    );
  }

  return (
    <div className="mt-6 flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-5">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Email</span>
          <input
            name="email"
            type="email"
            required
            autoComplete="username"
            className="rounded-md border border-zinc-300 px-3 py-2"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Password</span>
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            className="rounded-md border border-zinc-300 px-3 py-2"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="mt-1 rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso ? (
        <button
          type="button"
          onClick={() => void signIn("oidc", { callbackUrl })}
          className="rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-50"
        >
          Sign in with {sso}
        </button>
      ) : null}
    </div>
  );
}
