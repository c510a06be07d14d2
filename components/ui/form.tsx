"use client";

import { useEffect, useRef, type FormEvent, type FormHTMLAttributes } from "react";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit"> & {
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
};

/** Stands in for a URL: React renders a function action as an action that requests nothing. */
function noNativeSubmit() {}

/**
 * A form that never submits natively. Until the page has hydrated its fields
 * and buttons are disabled (a fieldset carries `className`), so nothing typed
 * is lost to hydration and nothing can be submitted; and its action is a
 * function, which React renders as a placeholder that requests nothing, so
 * even a submit that got through could not post or GET the fields (a
 * password) anywhere. Once hydrated, `onSubmit` handles every submit.
 */
export function Form({ onSubmit, className, children, ...props }: FormProps) {
  const hydrated = useHydrated();
  const ref = useRef<HTMLFormElement>(null);
  // The browser could not focus an autofocus field while it was disabled.
  useEffect(() => {
    if (hydrated && document.activeElement === document.body) {
      ref.current?.querySelector<HTMLElement>("[autofocus]")?.focus();
    }
  }, [hydrated]);
  return (
    <form
      ref={ref}
      {...props}
      action={noNativeSubmit}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e);
      }}
    >
      <fieldset disabled={!hydrated} className={cn("min-w-0", className)}>
        {children}
      </fieldset>
    </form>
  );
}
