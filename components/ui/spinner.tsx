import { cn } from "./cn";

export function Spinner({
  size = "md",
  label = "Loading",
  className,
}: {
  size?: "sm" | "md";
  label?: string | null;
  className?: string;
}) {
  return (
    <span role={label ? "status" : undefined} className={cn("inline-flex items-center gap-2 text-zinc-500", className)}>
      <span
        aria-hidden="true"
        className={cn(
          "animate-spin rounded-full border-2 border-current border-t-transparent",
          size === "sm" ? "size-3.5" : "size-5",
        )}
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
