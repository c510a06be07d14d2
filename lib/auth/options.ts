import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { authSecret, env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { githubEmail } from "./github-email";
import { linkOAuthUser } from "./link-oauth-user";
import { recordSignIn } from "./record-sign-in";
import { verifyCredentials } from "./verify-credentials";

/** Sign-in failures surface as this code; the sign-in page words it without revealing which part was wrong. */
export const SIGNIN_ERROR_INVALID = "CredentialsSignin";
export const SIGNIN_ERROR_RATE_LIMITED = "RateLimited";

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const address = clientAddress(req?.headers as Record<string, unknown> | undefined);
        const result = await verifyCredentials(credentials.email, credentials.password, address);
        if (result.ok) {
          await recordSignIn(result.user.id, {
            method: "password",
            clientAddress: address === "unknown" ? null : address,
          });
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        }
        if (result.reason === "rate_limited") throw new Error(SIGNIN_ERROR_RATE_LIMITED);
        return null;
      },
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  }

  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "github") {
          // GitHub's profile does not say whether its email is verified: /user/emails does.
          const github = await githubEmail(
            account.access_token,
            user.email ?? (profile as { email?: string } | undefined)?.email,
          );
          const linked = await linkOAuthUser({
            provider: "github",
            providerAccountId: account.providerAccountId,
            email: github?.email,
            emailVerified: github?.verified ?? false,
            name: user.name ?? null,
            image: user.image ?? null,
          });
          if ("refused" in linked) return `/signin?error=${linked.refused}`;
          user.id = linked.id;
          // next-auth gives this callback no request, so no client address.
          await recordSignIn(linked.id, { method: "github", clientAddress: null });
        }
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
