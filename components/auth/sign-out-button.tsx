"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="text-zinc-600 hover:text-zinc-950"
    >
      Sign out
    </button>
  );
}
