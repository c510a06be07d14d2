import { cn } from "@/components/ui/cn";

export interface LegendItem {
  /** The swatch: a node box's border and fill, or an edge's line. */
  swatch: string;
  label: string;
}

/** What the diagram's colours and signs mean, in words. */
export function DiagramLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul
      aria-label={label}
      className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-zinc-700"
      data-testid="diagram-legend"
    >
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cn("inline-block h-3 w-5 rounded-sm", item.swatch)} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
