import { errorMessage } from "@/lib/queries/api-client";
import { Alert } from "./alert";

/** A failed load in words, with a button to load it again when `onRetry` is given. */
export function QueryError({ title, error, onRetry }: { title?: string; error: unknown; onRetry?: () => unknown }) {
  return (
    <Alert tone="error" title={title}>
      {errorMessage(error)}
      {onRetry ? (
        <>
          {" "}
          <button type="button" className="font-medium underline" onClick={() => onRetry()}>
            Try again
          </button>
        </>
      ) : null}
    </Alert>
  );
}
