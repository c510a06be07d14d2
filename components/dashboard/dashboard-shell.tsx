"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { Icon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { LeaveGuardProvider } from "./leave-guard";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";
import { VerifyEmailBanner } from "./verify-email-banner";
import { useCurrentWorkspace } from "./workspace-context";
import { WorkspaceSwitcher } from "./workspace-switcher";

function Logo() {
  return (
    <Link
      href="/"
      className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent"
    >
      <span
        aria-hidden="true"
        className="grid size-6 place-items-center rounded-md bg-zinc-900 text-[11px] font-bold text-white"
      >
        LL
      </span>
      LoopLlama
    </Link>
  );
}

function SidebarContents({ onNavigate }: { onNavigate?: () => void }) {
  const { workspace, user } = useCurrentWorkspace();
  return (
    <div className="flex h-full flex-col gap-5 p-3">
      <WorkspaceSwitcher current={workspace} onNavigate={onNavigate} />
      <div className="flex-1 overflow-y-auto">
        <SidebarNav slug={workspace.slug} onNavigate={onNavigate} />
      </div>
      <div className="border-t border-zinc-200 pt-3">
        <UserMenu user={user} />
      </div>
    </div>
  );
}

/**
 * The frame of every workspace page: a sidebar on wide screens, a top bar with
 * a menu button on narrow ones. `unverifiedEmail` (an address still to be
 * proved) puts the verification banner above the page. A page with unsaved changes asks before
 * any way out of it (leave-guard.tsx).
 */
export function DashboardShell({
  children,
  unverifiedEmail,
}: {
  children: ReactNode;
  unverifiedEmail?: string | null;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = usePathname();
  // Close the phone menu after navigating.
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    setLastPath(pathname);
    setMenuOpen(false);
  }

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <LeaveGuardProvider>
      <div className="min-h-dvh md:grid md:grid-cols-[16rem_1fr]">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        {/* The column takes the page's full height; the sidebar inside it stays in view. */}
        <div className="hidden border-r border-zinc-200 bg-zinc-100/70 md:block">
          <aside className="sticky top-0 flex h-dvh flex-col">
            <div className="px-5 pt-4">
              <Logo />
            </div>
            <SidebarContents />
          </aside>
        </div>

        <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur md:hidden">
          <Logo />
          <button
            type="button"
            onClick={() => setMenuOpen(true)}
            aria-expanded={menuOpen}
            aria-controls="mobile-sidebar"
            className="grid size-10 place-items-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent"
          >
            <Icon name="menu" />
            <span className="sr-only">Open menu</span>
          </button>
        </header>

        {menuOpen ? (
          <div className="fixed inset-0 z-40 md:hidden">
            <div aria-hidden="true" className="absolute inset-0 bg-zinc-950/40" onClick={() => setMenuOpen(false)} />
            <div
              id="mobile-sidebar"
              role="dialog"
              aria-modal="true"
              aria-label="Menu"
              className={cn("absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-zinc-50 shadow-xl")}
            >
              <div className="flex h-14 items-center justify-between border-b border-zinc-200 px-4">
                <Logo />
                <button
                  type="button"
                  onClick={() => setMenuOpen(false)}
                  autoFocus
                  className="grid size-10 place-items-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent"
                >
                  <Icon name="close" />
                  <span className="sr-only">Close menu</span>
                </button>
              </div>
              <div className="min-h-0 flex-1">
                <SidebarContents onNavigate={() => setMenuOpen(false)} />
              </div>
            </div>
          </div>
        ) : null}

        <main id="main" className="min-w-0">
          {unverifiedEmail ? <VerifyEmailBanner email={unverifiedEmail} /> : null}
          {children}
        </main>
      </div>
    </LeaveGuardProvider>
  );
}
