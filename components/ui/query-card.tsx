"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Card, type CardProps } from "./card";
import { CardError } from "./card-error";
import { EmptyState } from "./empty-state";
import { ErrorBoundary } from "./error-boundary";
import { CardBodySkeleton } from "./skeleton";
import { freshnessOf, UpdatedAgo } from "./updated-ago";

export interface QueryCardProps<T> extends Omit<CardProps, "children"> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  // When the data means "nothing here"; shown as `empty` (or a plain empty state) instead of children.
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  skeleton?: ReactNode;
}

// A dashboard card fed by one TanStack query: a skeleton while loading, an error with a
// retry when the query fails, an empty state when there is nothing, and a boundary around
// the drawing so one broken card never blanks the page. The header says how fresh it is
// (the figures' own freshness, not when the browser fetched them).
export function QueryCard<T>({ query, children, isEmpty, empty, skeleton, actions, ...card }: QueryCardProps<T>) {
  const freshness = (
    <UpdatedAgo at={freshnessOf(query.data, query.dataUpdatedAt)} refreshing={query.isFetching && !query.isPending} />
  );
  return (
    <Card
      {...card}
      actions={
        <>
          {query.isError && query.data !== undefined ? <span className="text-red-700">refresh failed</span> : null}
          {freshness}
          {actions}
        </>
      }
    >
      {query.isPending ? (
        (skeleton ?? <CardBodySkeleton />)
      ) : query.data === undefined ? (
        <CardError message={query.error?.message} onRetry={() => void query.refetch()} />
      ) : isEmpty?.(query.data) ? (
        (empty ?? (
          <EmptyState compact title="Nothing in this window" description="No transactions match these filters." />
        ))
      ) : (
        <ErrorBoundary
          fallback={(error, reset) => (
            <CardError
              message={error.message}
              onRetry={() => {
                reset();
                void query.refetch();
              }}
            />
          )}
        >
          {children(query.data)}
        </ErrorBoundary>
      )}
    </Card>
  );
}
