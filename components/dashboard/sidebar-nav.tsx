"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Icon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { navHref, navItems, type NavItem } from "./nav-items";

function groupBySection(items: readonly NavItem[]) {
  const groups = new Map<string, NavItem[]>();
  for (const item of items) groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
  return [...groups.entries()];
}

export function SidebarNav({ slug, onNavigate }: { slug: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace" className="space-y-6">
      {groupBySection(navItems).map(([section, items]) => (
        <div key={section}>
          <p className="px-2.5 text-xs font-medium tracking-wide text-zinc-600 uppercase">{section}</p>
          <ul className="mt-2 space-y-0.5">
            {items.map((item) => {
              const href = navHref(slug, item);
              const active = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <li key={item.segment}>
                  <Link
                    href={href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                      "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent",
                      active
                        ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200"
                        : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900",
                    )}
                  >
                    <Icon name={item.icon} className={cn("size-4.5", active ? "text-accent" : "text-zinc-400")} />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
