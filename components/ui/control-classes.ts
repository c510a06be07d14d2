import { cn } from "./cn";

/** The look shared by text inputs, selects and textareas. */
export function controlClasses(extra?: string): string {
  return cn(
    "block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm",
    "placeholder:text-zinc-400 focus:border-accent focus:outline-2 focus:outline-offset-0 focus:outline-accent/30",
    "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500",
    "aria-invalid:border-red-500 aria-invalid:focus:outline-red-500/30",
    extra,
  );
}
