import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600">
        There is nothing at this address. If you followed a link to a transaction, it may have been sent by a different
        system or not ingested yet.
      </p>
      <p className="mt-6">
        <Link href="/transactions" className="text-sm font-medium text-blue-700 hover:underline">
          Go to transactions
        </Link>
      </p>
    </div>
  );
}
