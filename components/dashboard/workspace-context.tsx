"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useWorkspace } from "@/lib/queries/use-workspace";
import type { WorkspaceSummary } from "@/lib/queries/types";

export interface DashboardUser {
  userId: string;
  email: string;
  name: string | null;
}

interface WorkspaceContextValue {
  workspace: WorkspaceSummary;
  user: DashboardUser;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function WorkspaceProvider({ workspace, user, children }: WorkspaceContextValue & { children: ReactNode }) {
  // Seeded by the server layout, kept fresh by the query (a rename or role change shows up).
  const { data } = useWorkspace(workspace.slug, workspace);
  return (
    <WorkspaceContext.Provider value={{ workspace: data ?? workspace, user }}>{children}</WorkspaceContext.Provider>
  );
}

/** The workspace the dashboard page is in, the caller's role there, and the signed-in user. */
export function useCurrentWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useCurrentWorkspace must be used inside the workspace layout");
  return value;
}

/** Owners and admins manage tokens, members and billing. */
export function canManage(role: WorkspaceSummary["role"]): boolean {
  return role === "owner" || role === "admin";
}
