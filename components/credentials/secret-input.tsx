"use client";

import type { InputHTMLAttributes } from "react";
import { Input } from "@/components/ui/input";

/**
 * A write-only secret field: masked, never autofilled or spell-checked, and
 * never filled from a saved value (the API does not return secrets).
 */
export function SecretInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <Input
      type="password"
      autoComplete="new-password"
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      className="font-mono"
      maxLength={8000}
      {...props}
    />
  );
}
