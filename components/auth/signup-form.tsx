"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiError, apiRequest, errorMessage } from "@/lib/queries/api-client";
import { EmailField, PasswordField } from "./auth-fields";
import { signInWithRetry } from "./signin-attempt";
import { ACCOUNT_CREATED_SIGN_IN } from "./signin-messages";

/** 201 with the account where no mail is configured; 202 "check your email" where it is (new address or not). */
type SignUpResponse =
  | { user: { id: string; email: string; name: string | null }; workspace: { id: string; slug: string; name: string } }
  | { status: "check_email"; message: string };

/** Creates the account, signs in, and opens the new personal workspace (or `callbackUrl`). */
export function SignUpForm({ callbackUrl, initialEmail = "" }: { callbackUrl: string | null; initialEmail?: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** Set when the account exists but signing in to it failed: the form gives way to a sign-in link. */
  const [createdSignInHref, setCreatedSignInHref] = useState<string | null>(null);
  /** Where mail is configured: what the server said to do next (it never says whether the address was new). */
  const [checkEmail, setCheckEmail] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const created = await apiRequest<SignUpResponse>("/api/signup", {
        method: "POST",
        body: { name: name || undefined, email, password },
      });
      if ("status" in created) {
        setCheckEmail(created.message);
        setPending(false);
        return;
      }
      const destination = callbackUrl ?? `/w/${encodeURIComponent(created.workspace.slug)}`;
      // A sign-in that did not set a session must not navigate: the destination would only bounce to /signin.
      const outcome = await signInWithRetry(() =>
        signIn("credentials", { email, password, redirect: false, callbackUrl: destination }),
      ).catch(() => ({ kind: "failed" }) as const);
      if (outcome.kind === "failed") {
        const query = new URLSearchParams({ email, callbackUrl: destination });
        setCreatedSignInHref(`/signin?${query.toString()}`);
        setPending(false);
        return;
      }
      router.push(destination);
      router.refresh();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : {};
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0) setError(errorMessage(err));
      setPending(false);
    }
  }

  const signInHref = `/signin${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;
  if (checkEmail) {
    const query = new URLSearchParams({ email, ...(callbackUrl ? { callbackUrl } : {}) });
    return (
      <div className="space-y-5" data-testid="signup-check-email">
        <Alert tone="info" title="Check your email">
          {checkEmail}
        </Alert>
        <Link href={`/signin?${query.toString()}`} className={buttonClasses("primary", "md", "w-full")}>
          Sign in
        </Link>
      </div>
    );
  }

  if (createdSignInHref) {
    return (
      <div className="space-y-5">
        <Alert tone="warning">{ACCOUNT_CREATED_SIGN_IN}</Alert>
        <Link href={createdSignInHref} className={buttonClasses("primary", "md", "w-full")}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Name" error={fieldErrors.name}>
          <Input
            name="name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            autoFocus
          />
        </Field>
        <EmailField value={email} onChange={setEmail} error={fieldErrors.email} />
        <PasswordField
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          minLength={8}
          hint="At least 8 characters."
          error={fieldErrors.password}
        />
        <Button type="submit" loading={pending} className="w-full">
          Create account
        </Button>
      </Form>
      <p className="text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href={signInHref} className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
