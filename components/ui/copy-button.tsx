"use client";

import { useEffect, useState } from "react";
import { Button, type ButtonProps } from "./button";

/** Copies `value` to the clipboard and says so for a moment. */
export function CopyButton({
  value,
  label = "Copy",
  ...rest
}: { value: string; label?: string } & Omit<ButtonProps, "onClick">) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} {...rest}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}</span>
    </Button>
  );
}
