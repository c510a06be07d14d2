import type { IconName } from "@/components/ui/icons";

export interface NavItem {
  label: string;
  /** Path under /w/<slug>/, e.g. "workflows" or "settings/tokens". */
  segment: string;
  icon: IconName;
  /** Items are grouped by section in the sidebar, in the order sections first appear. */
  section: "Workspace" | "Settings";
}

/**
 * The dashboard's navigation: the sidebar and the /w/<slug> redirect (to the
 * first item) both read this list. Add an entry here when a page exists.
 */
export const navItems: readonly NavItem[] = [
  { label: "Workflows", segment: "workflows", icon: "workflow", section: "Workspace" },
  { label: "Chat", segment: "chat", icon: "chat", section: "Workspace" },
  { label: "Runs", segment: "runs", icon: "play", section: "Workspace" },
  { label: "Agents", segment: "agents", icon: "bot", section: "Workspace" },
  { label: "Events", segment: "events", icon: "bolt", section: "Workspace" },
  { label: "Memory", segment: "memory", icon: "memory", section: "Workspace" },
  { label: "Billing", segment: "billing", icon: "card", section: "Workspace" },
  { label: "API tokens", segment: "settings/tokens", icon: "key", section: "Settings" },
  { label: "Credentials", segment: "settings/credentials", icon: "lock", section: "Settings" },
  { label: "Webhooks", segment: "settings/webhooks", icon: "bolt", section: "Settings" },
  { label: "Audit log", segment: "settings/audit", icon: "lock", section: "Settings" },
  { label: "Members", segment: "settings/members", icon: "users", section: "Settings" },
  { label: "General", segment: "settings/general", icon: "settings", section: "Settings" },
];

export function navHref(slug: string, item: Pick<NavItem, "segment">): string {
  return `/w/${encodeURIComponent(slug)}/${item.segment}`;
}
