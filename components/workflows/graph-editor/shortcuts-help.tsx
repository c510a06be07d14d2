"use client";

const SHORTCUTS: [string, string][] = [
  ["Tab / Shift+Tab", "Move between nodes and edges on the canvas"],
  ["Enter", "Edit the focused node (or the edge's source) in the inspector"],
  ["N", "Add a node (after the focused node, connected from it)"],
  ["C", "Connect the focused node: opens its “Connect to…” choice"],
  ["Delete / Backspace", "Delete the focused node or edge"],
  ["Arrow keys", "Move the selected node"],
];

/** The editor's keyboard shortcuts, in a popover. */
export function ShortcutsHelp() {
  return (
    <>
      <button
        type="button"
        popoverTarget="graph-editor-shortcuts"
        className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
      >
        Keyboard shortcuts
      </button>
      <div
        id="graph-editor-shortcuts"
        popover="auto"
        role="dialog"
        aria-label="Keyboard shortcuts"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-800 shadow-lg backdrop:bg-black/20"
      >
        <h3 className="mb-2 font-semibold text-zinc-900">Keyboard shortcuts</h3>
        <dl className="space-y-1.5">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2">
              <dt>
                <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-zinc-600">
          Shortcuts work while focus is on the canvas. Every action also has a button or a field in the inspector.
          Escape closes this.
        </p>
      </div>
    </>
  );
}
