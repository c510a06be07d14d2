"use client";

import Markdown, { type Components } from "react-markdown";

/**
 * Renders an agent's output as Markdown. Raw HTML in the text is never turned
 * into elements: react-markdown escapes it (no rehype-raw), so `<script>` or
 * `<img onerror=…>` shows up as the literal text the model wrote. Links keep
 * react-markdown's URL filter (no `javascript:`), open in a new tab, and
 * images are shown as their alt text so an output cannot make the browser
 * fetch arbitrary URLs.
 */
const components: Components = {
  h1: ({ children }) => <p className="mt-4 mb-2 text-base font-semibold text-zinc-900 first:mt-0">{children}</p>,
  h2: ({ children }) => <p className="mt-4 mb-1.5 text-sm font-semibold text-zinc-900 first:mt-0">{children}</p>,
  h3: ({ children }) => <p className="mt-3 mb-1 text-sm font-semibold text-zinc-800 first:mt-0">{children}</p>,
  h4: ({ children }) => <p className="mt-3 mb-1 text-sm font-medium text-zinc-800 first:mt-0">{children}</p>,
  p: ({ children }) => <p className="my-2 first:mt-0 last:mb-0">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>,
  blockquote: ({ children }) => (
    <blockquote className="my-2 border-l-2 border-zinc-300 pl-3 text-zinc-600">{children}</blockquote>
  ),
  pre: ({ children }) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-zinc-900 p-3 text-xs text-zinc-100">{children}</pre>
  ),
  code: ({ children, className }) => (
    <code className={className ? `font-mono ${className}` : "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em]"}>
      {children}
    </code>
  ),
  hr: () => <hr className="my-3 border-zinc-200" />,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline">
      {children}
    </a>
  ),
};

export function MarkdownOutput({ text }: { text: string }) {
  return (
    <div className="markdown-output text-sm leading-relaxed break-words text-zinc-800">
      <Markdown components={components} disallowedElements={["img"]} unwrapDisallowed>
        {text}
      </Markdown>
    </div>
  );
}
