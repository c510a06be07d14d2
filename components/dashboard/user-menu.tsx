"use client";

import { signOut } from "next-auth/react";
import { Icon } from "@/components/ui/icons";
import { Menu, menuItemClasses } from "@/components/ui/menu";
import type { DashboardUser } from "./workspace-context";

export function UserMenu({ user }: { user: DashboardUser }) {
  const display = user.name || user.email;
  return (
    <Menu
      side="top"
      className="w-full"
      trigger={(props) => (
        <button
          type="button"
          {...props}
          className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
        >
          <span
            aria-hidden="true"
            className="grid size-7 shrink-0 place-items-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700"
          >
            {display.charAt(0).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-zinc-900">{user.name || "Account"}</span>
            <span className="block truncate text-xs text-zinc-600">{user.email}</span>
          </span>
          <span className="sr-only">Account menu</span>
        </button>
      )}
    >
      {() => (
        <button
          type="button"
          role="menuitem"
          className={menuItemClasses}
          onClick={() => signOut({ callbackUrl: "/signin" })}
        >
          <Icon name="logout" className="size-4 text-zinc-500" />
          Sign out
        </button>
      )}
    </Menu>
  );
}
