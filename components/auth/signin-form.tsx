"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { EmailField, PasswordField } from "./auth-fields";
import { signInWithRetry } from "./signin-attempt";
import { signInErrorMessage } from "./signin-messages";

interface Props {
  callbackUrl: string;
  githubEnabled: boolean;
  initialError: string | null;
  initialEmail?: string;
}

export function SignInForm({ callbackUrl, githubEnabled, initialError, initialEmail = "" }: Props) {
  const router = useRouter();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const outcome = await signInWithRetry(() =>
        signIn("credentials", { email, password, redirect: false, callbackUrl }),
      );
      if (outcome.kind === "failed") {
        setError(signInErrorMessage(outcome.code));
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const signUpHref = `/signup${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;
  return (
    <div className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Form onSubmit={submit} className="space-y-4">
        <EmailField value={email} onChange={setEmail} autoFocus />
        <PasswordField value={password} onChange={setPassword} autoComplete="current-password" />
        <Button type="submit" loading={pending} className="w-full">
          Sign in
        </Button>
      </Form>
      {githubEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-400" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200" /> or <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("github", { callbackUrl })}>
            Continue with GitHub
          </Button>
        </>
      ) : null}
      <p className="text-center text-sm text-zinc-600">
        New to LoopLlama?{" "}
        <Link href={signUpHref} className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
