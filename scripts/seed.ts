/**
 * Creates (or reuses) a demo account and workspace and prints its email,
 * password and a fresh API token. Run through `npm run seed`, which starts the
 * database first.
 */
import { signUp } from "../lib/auth/sign-up";
import { db } from "../lib/db/client";
import { scopeFor } from "../lib/db/tenant";
import { createToken } from "../lib/tokens/tokens";

const EMAIL = process.env.SEED_EMAIL ?? "demo@loopllama.dev";
const PASSWORD = process.env.SEED_PASSWORD ?? "loopllama-demo";

async function main() {
  let user = await db.user.findUnique({ where: { email: EMAIL } });
  if (!user) {
    const result = await signUp({ email: EMAIL, password: PASSWORD, name: "Demo" });
    if (result.kind !== "created") throw new Error(`${EMAIL} was signed up at the same moment; run the seed again`);
    user = await db.user.findUniqueOrThrow({ where: { id: result.user.id } });
  }
  const membership = await db.membership.findFirstOrThrow({
    where: { userId: user.id, role: "owner" },
    orderBy: { createdAt: "asc" },
    include: { workspace: true },
  });
  const scope = scopeFor(membership.workspaceId);
  const { token } = await createToken(
    scope,
    { type: "user", id: user.id },
    { name: `seed ${new Date().toISOString()}`, createdById: user.id },
  );

  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  console.log(`
Demo account ready.
  email:      ${EMAIL}
  password:   ${PASSWORD}
  workspace:  ${membership.workspace.name} (${membership.workspace.slug})
  API token:  ${token}

Try it:
  curl -H "Authorization: Bearer ${token}" ${appUrl}/api/v1/me
`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
