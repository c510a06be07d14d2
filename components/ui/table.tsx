import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** Hides a column on phones; the first cell repeats its facts there. */
const DESKTOP_ONLY = "hidden md:table-cell";

/** A list table that scrolls sideways on narrow screens: header row in `head`, body rows as children. */
export function Table({ head, children, className }: { head: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full divide-y divide-zinc-200", className)}>
        <thead className="bg-zinc-50">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
    </div>
  );
}

interface CellOptions {
  /** Only from the md breakpoint up. */
  desktopOnly?: boolean;
}

/** A column header (scope="col"). */
export function Th({ desktopOnly, className, ...rest }: CellOptions & ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase",
        desktopOnly && DESKTOP_ONLY,
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ desktopOnly, className, ...rest }: CellOptions & TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 align-middle text-sm", desktopOnly && DESKTOP_ONLY, className)} {...rest} />;
}

/** The main link in a row's first cell. */
export const rowLinkClasses =
  "font-medium text-zinc-900 hover:text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent";
