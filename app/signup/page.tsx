import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/signup-form";
import { currentUser } from "@/lib/auth/current-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

export const metadata: Metadata = { title: "Create account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl ? safeCallbackUrl(params.callbackUrl) : null;
  if (await currentUser()) redirect(callbackUrl ?? "/");
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <AuthCard title="Create your account" subtitle="You get a personal workspace to start in.">
      <SignUpForm callbackUrl={callbackUrl} initialEmail={email} />
    </AuthCard>
  );
}
