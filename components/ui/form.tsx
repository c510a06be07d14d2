"use client";

import { useRef, type FormEvent, type FormHTMLAttributes } from "react";

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit"> & {
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
};

/**
 * A form that never submits natively. Its action is a function, so the
 * server-rendered page carries React's placeholder action instead of a URL: a
 * submit before the page has hydrated (or with JavaScript off) posts nothing,
 * keeps what was typed and never puts a password in a URL. React queues such
 * an early submit and replays it once hydrated, which hands it to `onSubmit`.
 */
export function Form({ onSubmit, ...props }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={ref}
      {...props}
      // Only reached by a submit replayed after hydration; live submits stop in onSubmit.
      action={() => ref.current?.requestSubmit()}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e);
      }}
    />
  );
}
