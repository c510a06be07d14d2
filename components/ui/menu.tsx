"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

export interface MenuProps {
  /** Renders the trigger; spread the props onto a <button>. */
  trigger: (props: {
    "aria-expanded": boolean;
    "aria-controls": string;
    "aria-haspopup": "menu";
    onClick: () => void;
  }) => ReactNode;
  children: (close: () => void) => ReactNode;
  align?: "start" | "end";
  side?: "top" | "bottom";
  className?: string;
}

/**
 * A small popover menu: opens from its trigger, closes on Escape, on a click
 * outside and after an item is chosen. Arrow keys move between items.
 */
export function Menu({ trigger, children, align = "start", side = "bottom", className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    panel.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "Escape") {
      setOpen(false);
      root.current?.querySelector<HTMLElement>("[aria-haspopup]")?.focus();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const items = [...(panel.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    if (items.length === 0) return;
    e.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === "ArrowDown" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  }

  const close = () => setOpen(false);
  return (
    <div ref={root} className={cn("relative", className)} onKeyDown={onKeyDown}>
      {trigger({
        "aria-expanded": open,
        "aria-controls": id,
        "aria-haspopup": "menu",
        onClick: () => setOpen((o) => !o),
      })}
      {open ? (
        <div
          ref={panel}
          id={id}
          role="menu"
          className={cn(
            "absolute z-30 min-w-56 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg",
            align === "end" ? "right-0" : "left-0",
            side === "top" ? "bottom-full mb-1" : "top-full mt-1",
          )}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}

export const menuItemClasses =
  "flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none";
