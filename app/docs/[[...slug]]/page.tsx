import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocMarkdown } from "@/components/docs/doc-markdown";
import { DOC_PAGES } from "@/lib/docs/pages";

type Props = { params: Promise<{ slug?: string[] }> };

function pageOf(slug: string[] | undefined) {
  const key = (slug ?? []).join("/");
  return DOC_PAGES.find((p) => p.slug === key);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = pageOf((await params).slug);
  return { title: page ? `${page.title} · Docs` : "Docs" };
}

/** The Markdown of docs/, public, with the sidebar in learning order. */
export default async function DocsPage({ params }: Props) {
  const page = pageOf((await params).slug);
  if (!page) notFound();
  // Read from the checkout at request time (next.config traces docs/ into the build).
  const text = await readFile(path.join(process.cwd(), "docs", page.file), "utf8");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row md:gap-10">
      <nav aria-label="Documentation" className="shrink-0 text-sm md:w-56">
        <Link href="/" className="mb-3 block font-semibold text-zinc-900">
          LoopLlama docs
        </Link>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 md:block md:space-y-1">
          {DOC_PAGES.map((p, i) => {
            const heading = p.section !== DOC_PAGES[i - 1]?.section ? p.section : undefined;
            return (
              <li key={p.slug} className="md:block">
                {heading && (
                  <span className="mt-3 mb-1 hidden text-xs font-semibold tracking-wide text-zinc-500 uppercase md:block">
                    {heading}
                  </span>
                )}
                <Link
                  href={p.slug ? `/docs/${p.slug}` : "/docs"}
                  aria-current={p === page ? "page" : undefined}
                  className={p === page ? "font-semibold text-accent" : "text-zinc-700 hover:text-zinc-900"}
                >
                  {p.title}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <article className="min-w-0 flex-1 text-sm text-zinc-800">
        <DocMarkdown file={page.file} text={text} />
      </article>
    </div>
  );
}
