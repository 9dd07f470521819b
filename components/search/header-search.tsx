"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { transactionHref } from "@/components/transactions/transaction-href";
import type { SearchResponse } from "@/lib/queries/search-transactions";
import { SearchResultsPopover } from "./search-results-popover";
import { isSearchShortcut, isTypingTarget } from "./search-shortcut";

// One box in the header finds a transaction by any reference. Without JavaScript it is a
// plain GET form to /search; with it, one hit opens the trace directly and several are
// listed under the box.
export function HeaderSearch() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<SearchResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (!isSearchShortcut(e, isTypingTarget(e.target))) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    function onPointerDown(e: PointerEvent) {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setResult(null);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const q = inputRef.current?.value.trim() ?? "";
    if (!q) return;
    setBusy(true);
    setProblem(null);
    try {
      const found = await queryClient.fetchQuery({
        queryKey: ["search", q],
        queryFn: () => fetchSearch(q),
        staleTime: 10_000,
      });
      if (found.destination.kind === "trace") {
        setResult(null);
        router.push(transactionHref(found.destination.id));
      } else {
        setResult(found);
      }
    } catch (error) {
      setResult(null);
      setProblem(error instanceof Error ? error.message : "Search failed.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={boxRef}
      role="search"
      action="/search"
      method="get"
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") setResult(null);
      }}
      className="relative w-full max-w-md"
    >
      <label htmlFor="header-search" className="sr-only">
        Find a transaction
      </label>
      <input
        ref={inputRef}
        id="header-search"
        name="q"
        type="search"
        autoComplete="off"
        placeholder="Find by order, shipment, load, SKU, id…  ( / )"
        aria-describedby={problem ? "header-search-problem" : undefined}
        aria-busy={busy || undefined}
        className="h-8 w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 text-sm placeholder:text-zinc-400 focus:border-blue-600 focus:bg-white focus:outline-none focus:ring-2 focus:ring-blue-600/20"
      />
      {problem ? (
        <p
          id="header-search-problem"
          role="alert"
          className="absolute left-0 top-full mt-1 rounded bg-red-50 px-2 py-1 text-xs text-red-800"
        >
          {problem}
        </p>
      ) : null}
      {result ? <SearchResultsPopover result={result} onPick={() => setResult(null)} /> : null}
    </form>
  );
}

async function fetchSearch(q: string): Promise<SearchResponse> {
  const response = await fetch(`/api/search?${new URLSearchParams({ q })}`, {
    headers: { accept: "application/json" },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Search failed (${response.status}).`);
  }
  return (await response.json()) as SearchResponse;
}
