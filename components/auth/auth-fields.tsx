"use client";

import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

interface AuthFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoFocus?: boolean;
}

export function EmailField({ value, onChange, error, autoFocus }: AuthFieldProps) {
  return (
    <Field label="Email" error={error}>
      <Input
        type="email"
        name="email"
        autoComplete="email"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoFocus={autoFocus}
      />
    </Field>
  );
}

/** `current-password` when signing in, `new-password` (with a minimum length) when signing up. */
export function PasswordField({
  value,
  onChange,
  error,
  autoComplete,
  minLength,
  hint,
}: AuthFieldProps & { autoComplete: "current-password" | "new-password"; minLength?: number; hint?: ReactNode }) {
  return (
    <Field label="Password" hint={hint} error={error}>
      <Input
        type="password"
        name="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        minLength={minLength}
      />
    </Field>
  );
}
