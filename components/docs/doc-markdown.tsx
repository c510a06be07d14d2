import Markdown, { type Components } from "react-markdown";
import { docsHref } from "@/lib/docs/pages";

/** Heading ids as GitHub makes them, so `page.md#through-the-api` links land. */
function slugify(children: unknown): string {
  const text = Array.isArray(children)
    ? children.map((c) => (typeof c === "string" ? c : "")).join("")
    : String(children ?? "");
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .trim()
    .replace(/ /g, "-");
}

function components(file: string): Components {
  return {
    h1: ({ children }) => <h1 className="mb-4 text-2xl font-semibold text-zinc-900">{children}</h1>,
    h2: ({ children }) => (
      <h2 id={slugify(children)} className="mt-8 mb-3 scroll-mt-4 text-xl font-semibold text-zinc-900">
        {children}
      </h2>
    ),
    h3: ({ children }) => (
      <h3 id={slugify(children)} className="mt-6 mb-2 scroll-mt-4 text-lg font-semibold text-zinc-900">
        {children}
      </h3>
    ),
    p: ({ children }) => <p className="my-3 leading-relaxed">{children}</p>,
    ul: ({ children }) => <ul className="my-3 list-disc space-y-1.5 pl-5">{children}</ul>,
    ol: ({ children }) => <ol className="my-3 list-decimal space-y-1.5 pl-5">{children}</ol>,
    pre: ({ children }) => (
      <pre className="my-3 overflow-x-auto rounded-md bg-zinc-900 p-3 text-xs leading-relaxed text-zinc-100">
        {children}
      </pre>
    ),
    code: ({ children, className }) => (
      <code
        className={
          className ? `font-mono ${className}` : "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] break-words"
        }
      >
        {children}
      </code>
    ),
    a: ({ href, children }) => (
      <a href={docsHref(file, href ?? "")} className="text-accent underline">
        {children}
      </a>
    ),
  };
}

/** A pipe table's cells, split on `|` outside backticks. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let code = false;
  for (const c of line.trim().replace(/^\||\|$/g, "")) {
    if (c === "`") code = !code;
    if (c === "|" && !code) {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

function Table({ lines, file }: { lines: string[]; file: string }) {
  const [head, , ...rows] = lines;
  const inline: Components = { ...components(file), p: ({ children }) => <>{children}</> };
  return (
    <div className="my-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-xs">
        <thead>
          <tr>
            {cells(head!).map((c, i) => (
              <th key={i} className="border-b border-zinc-300 px-2 py-1.5 font-semibold">
                <Markdown components={inline}>{c}</Markdown>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="align-top">
              {cells(row).map((c, i) => (
                <td key={i} className="border-b border-zinc-200 px-2 py-1.5">
                  <Markdown components={inline}>{c}</Markdown>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One docs page. react-markdown without plugins (none for tables is installed),
 * so pipe tables outside code blocks are drawn here; relative .md links become
 * /docs routes. HTML in the files (the `not run` marks) is not rendered.
 */
export function DocMarkdown({ file, text }: { file: string; text: string }) {
  const parts: { table: boolean; lines: string[] }[] = [];
  let fence = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fence = !fence;
    const table = !fence && line.startsWith("|");
    const last = parts.at(-1);
    if (last && last.table === table) last.lines.push(line);
    else parts.push({ table, lines: [line] });
  }
  return (
    <>
      {parts.map((p, i) =>
        p.table ? (
          <Table key={i} lines={p.lines} file={file} />
        ) : (
          <Markdown key={i} components={components(file)}>
            {p.lines.join("\n")}
          </Markdown>
        ),
      )}
    </>
  );
}
