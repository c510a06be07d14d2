/**
 * The documentation's pages in the order a user learns, as the sidebar at
 * /docs lists them. `file` is the Markdown file under docs/, `slug` its path
 * under /docs ("" for the contents page).
 */
export interface DocPage {
  slug: string;
  file: string;
  title: string;
  section?: string;
}

export const DOC_PAGES: DocPage[] = [
  { slug: "", file: "index.md", title: "Contents" },
  { slug: "getting-started", file: "getting-started.md", title: "Getting started" },
  { slug: "concepts", file: "concepts.md", title: "Concepts" },
  { slug: "guides/first-workflow", file: "guides/first-workflow.md", title: "Your first workflow", section: "Guides" },
  { slug: "guides/graphs", file: "guides/graphs.md", title: "Graph workflows", section: "Guides" },
  {
    slug: "guides/chat-and-templates",
    file: "guides/chat-and-templates.md",
    title: "Chat and templates",
    section: "Guides",
  },
  { slug: "guides/approvals", file: "guides/approvals.md", title: "Approvals and forks", section: "Guides" },
  { slug: "guides/files-and-cli", file: "guides/files-and-cli.md", title: "Files and the CLI", section: "Guides" },
  {
    slug: "guides/events-and-webhooks",
    file: "guides/events-and-webhooks.md",
    title: "Events and webhooks",
    section: "Guides",
  },
  {
    slug: "guides/webhooks-and-audit",
    file: "guides/webhooks-and-audit.md",
    title: "Webhooks and audit log",
    section: "Guides",
  },
  { slug: "guides/traces", file: "guides/traces.md", title: "Traces (OpenTelemetry)", section: "Guides" },
  {
    slug: "guides/agents-and-reflection",
    file: "guides/agents-and-reflection.md",
    title: "Agents and reflection",
    section: "Guides",
  },
  {
    slug: "guides/tools-and-credentials",
    file: "guides/tools-and-credentials.md",
    title: "Tools and credentials",
    section: "Guides",
  },
  { slug: "guides/billing", file: "guides/billing.md", title: "Billing", section: "Guides" },
  { slug: "api", file: "api.md", title: "The API", section: "Reference" },
  { slug: "deploying", file: "deploying.md", title: "Deploying", section: "Reference" },
  { slug: "configuration", file: "configuration.md", title: "Configuration", section: "Reference" },
  { slug: "security", file: "security.md", title: "Security", section: "Reference" },
  { slug: "architecture", file: "architecture.md", title: "Architecture", section: "Reference" },
  { slug: "benchmarks", file: "benchmarks.md", title: "Benchmarks", section: "Reference" },
  { slug: "changelog", file: "changelog.md", title: "Changelog", section: "Reference" },
];

/** The /docs path of a link written between docs' Markdown files (`../api.md#errors`), from the file `from`. */
export function docsHref(from: string, href: string): string {
  if (/^[a-z]+:|^\/|^#/i.test(href)) return href;
  const [target, hash] = href.split("#") as [string, string | undefined];
  if (!target.endsWith(".md")) return href;
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  const file = parts.join("/");
  const page = DOC_PAGES.find((p) => p.file === file);
  const path = page ? (page.slug ? `/docs/${page.slug}` : "/docs") : `/docs/${file.replace(/\.md$/, "")}`;
  return hash ? `${path}#${hash}` : path;
}

/** A fenced shell block of a page, and whether it is marked `<!-- not run: … -->` just before it. */
export interface ShellBlock {
  file: string;
  code: string;
  notRun: string | null;
}

/** The ```sh and ```bash blocks of a Markdown text, in order. */
export function shellBlocks(file: string, markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const re = /(?:<!--\s*not run:\s*([\s\S]*?)-->\s*\n)?```(?:sh|bash)\n([\s\S]*?)```/g;
  for (const m of markdown.matchAll(re)) blocks.push({ file, code: m[2]!, notRun: m[1]?.trim() ?? null });
  return blocks;
}
