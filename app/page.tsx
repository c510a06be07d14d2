import Link from "next/link";
import { redirect } from "next/navigation";
import { NoWorkspace } from "@/components/dashboard/no-workspace";
import { buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/current-user";
import { listWorkspacesForUser } from "@/lib/workspaces/list-workspaces";

const features = [
  { title: "Crews of agents", body: "Give each agent a role, a prompt and a model, and chain them into a workflow." },
  {
    title: "Runs you can watch",
    body: "Every step streams into a transcript with its input, output, tokens and time.",
  },
  { title: "One API", body: "The dashboard and your scripts use the same REST API, with workspace tokens." },
];

/** Signed in: open the user's first workspace. Signed out: a short product page. */
export default async function Home() {
  const user = await currentUser();
  if (user) {
    const [first] = await listWorkspacesForUser(user.userId);
    if (first) redirect(`/w/${encodeURIComponent(first.slug)}`);
    return <NoWorkspace />;
  }
  return (
    <div className="min-h-dvh bg-white">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-5 sm:px-8">
        <span className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-lg bg-zinc-900 text-xs font-bold text-white"
          >
            LL
          </span>
          LoopLlama
        </span>
        <nav aria-label="Account" className="flex items-center gap-2">
          <Link href="/signin" className={buttonClasses("ghost")}>
            Sign in
          </Link>
          <Link href="/signup" className={buttonClasses("primary")}>
            Sign up
          </Link>
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 pt-16 pb-24 sm:px-8 sm:pt-24">
        <p className="text-sm font-semibold text-accent">Workflows for teams of agents</p>
        <h1 className="mt-3 max-w-2xl text-4xl font-semibold tracking-tight text-zinc-900 sm:text-5xl">
          Build a crew, run it, see every step.
        </h1>
        <p className="mt-5 max-w-xl text-lg text-zinc-600">
          LoopLlama runs multi-agent workflows on a durable engine, with live transcripts, schedules and usage-based
          billing.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/signup" className={buttonClasses("primary", "md", "h-11 px-5")}>
            Get started free
          </Link>
          <Link href="/signin" className={buttonClasses("secondary", "md", "h-11 px-5")}>
            Sign in
          </Link>
        </div>
        <ul className="mt-20 grid gap-6 sm:grid-cols-3">
          {features.map((f) => (
            <li key={f.title} className="rounded-xl border border-zinc-200 bg-zinc-50 p-5">
              <h2 className="text-sm font-semibold text-zinc-900">{f.title}</h2>
              <p className="mt-1.5 text-sm text-zinc-600">{f.body}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
