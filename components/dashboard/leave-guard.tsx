"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { leavingHref } from "./leaving-href";

/** What the page tells the dialog when someone tries to leave it with unsaved changes. */
export interface LeaveWarning {
  title: string;
  description: string;
}

interface LeaveGuardValue {
  set: (warning: LeaveWarning | null) => void;
}

const LeaveGuardContext = createContext<LeaveGuardValue | null>(null);

// Marks the extra history entry that stands between the page and the browser's back button.
const SENTINEL = "__leaveGuard";

/**
 * Holds the dashboard's one "unsaved changes" warning. While a page has set one, every way out asks
 * first: a link anywhere (sidebar, breadcrumbs, workspace switcher), the browser's back button,
 * and closing or reloading the tab (the browser's own prompt).
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [warning, setWarning] = useState<LeaveWarning | null>(null);
  const [pending, setPending] = useState<{ href: string } | { back: true } | null>(null);
  const active = useRef<LeaveWarning | null>(null);
  // Set while the page is being left on purpose: its extra history entry stays behind.
  const leaving = useRef(false);
  const skipPop = useRef(false);
  const value = useMemo<LeaveGuardValue>(() => ({ set: setWarning }), []);

  useEffect(() => {
    active.current = warning;
    if (!warning) {
      // Nothing left to lose: take away the extra entry so Back goes back at once.
      if (!leaving.current && window.history.state?.[SENTINEL]) {
        skipPop.current = true;
        window.history.back();
      }
      return;
    }
    leaving.current = false;
    if (!window.history.state?.[SENTINEL]) {
      window.history.pushState({ ...window.history.state, [SENTINEL]: true }, "", window.location.href);
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [warning]);

  useEffect(() => {
    const onPopState = (e: PopStateEvent) => {
      if (skipPop.current) {
        skipPop.current = false;
        return;
      }
      // Back from the extra entry: the page is still here; ask, and put the entry back if staying.
      if (active.current && !(e.state as Record<string, unknown> | null)?.[SENTINEL]) setPending({ back: true });
    };
    const onClick = (e: MouseEvent) => {
      if (!active.current) return;
      const anchor = e.target instanceof Element ? e.target.closest("a[href]") : null;
      const href = leavingHref(
        e,
        anchor instanceof HTMLAnchorElement
          ? { href: anchor.href, target: anchor.target, hasDownload: anchor.hasAttribute("download") }
          : null,
        window.location.href,
      );
      if (!href) return;
      e.preventDefault();
      e.stopPropagation();
      setPending({ href });
    };
    window.addEventListener("popstate", onPopState);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("popstate", onPopState);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  function stay() {
    if (pending && "back" in pending) {
      window.history.pushState({ ...window.history.state, [SENTINEL]: true }, "", window.location.href);
    }
    setPending(null);
  }

  function leave() {
    const to = pending;
    setPending(null);
    active.current = null;
    leaving.current = true;
    setWarning(null);
    if (!to) return;
    if ("href" in to) router.push(to.href);
    else {
      skipPop.current = true;
      window.history.back();
    }
  }

  return (
    <LeaveGuardContext.Provider value={value}>
      {children}
      <ConfirmDialog
        open={pending !== null}
        title={warning?.title ?? "Leave this page?"}
        description={warning?.description}
        confirmLabel="Discard changes"
        onClose={stay}
        onConfirm={leave}
      />
    </LeaveGuardContext.Provider>
  );
}

/**
 * While `warning` is set, leaving the page asks first (see LeaveGuardProvider). Pass null when
 * nothing would be lost. Outside the dashboard (no provider) it does nothing.
 */
export function useLeaveGuard(warning: LeaveWarning | null): void {
  const guard = useContext(LeaveGuardContext);
  const title = warning?.title;
  const description = warning?.description;
  useEffect(() => {
    if (!guard) return;
    guard.set(title !== undefined ? { title, description: description ?? "" } : null);
    return () => guard.set(null);
  }, [guard, title, description]);
}
