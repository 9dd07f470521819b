import Link from "next/link";

// Signed in, but the role does not allow this page.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-lg font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-zinc-600">Your role does not include it. Ask an admin if you need it.</p>
      <Link href="/transactions" className="mt-6 inline-block text-sm text-blue-700 hover:underline">
        ← Transactions
      </Link>
    </div>
  );
}
