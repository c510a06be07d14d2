import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/signin-form";
import { currentUser } from "@/lib/auth/current-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const e = env();
  const error = typeof params.error === "string" ? params.error : null;
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <AuthCard title="Sign in" subtitle="Welcome back to LoopLlama.">
      <SignInForm
        callbackUrl={callbackUrl}
        githubEnabled={Boolean(e.GITHUB_ID && e.GITHUB_SECRET)}
        initialError={error}
        initialEmail={email}
      />
    </AuthCard>
  );
}
