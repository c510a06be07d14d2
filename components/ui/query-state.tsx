import type { ReactNode } from "react";
import { QueryError } from "./query-error";
import { SkeletonRows } from "./skeleton";

/** The parts of a React Query result that decide what a panel shows. */
export interface QueryLike<TData> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: TData | undefined;
  refetch: () => unknown;
}

export interface QueryStateProps<TData> {
  query: QueryLike<TData>;
  /** Read to screen readers while the skeleton shows. */
  loadingLabel: string;
  /** Skeleton rows while loading. */
  rows?: number;
  errorTitle?: string;
  /** Offer "Try again" under the error (default true). */
  retry?: boolean;
  /** Shown instead of the content when `isEmpty` is true. */
  empty?: ReactNode;
  isEmpty?: boolean;
  /** The loaded content; a function receives the data. */
  children: ReactNode | ((data: TData) => ReactNode);
}

/** Loading skeleton, error with "Try again", empty state or content: the switch every list panel needs. */
export function QueryState<TData>({
  query,
  loadingLabel,
  rows,
  errorTitle,
  retry = true,
  empty,
  isEmpty = false,
  children,
}: QueryStateProps<TData>) {
  if (query.isPending) return <SkeletonRows rows={rows} label={loadingLabel} />;
  if (query.isError) {
    return (
      <div className="p-4">
        <QueryError title={errorTitle} error={query.error} onRetry={retry ? query.refetch : undefined} />
      </div>
    );
  }
  if (isEmpty && empty !== undefined) return <>{empty}</>;
  return <>{typeof children === "function" ? children(query.data as TData) : children}</>;
}
