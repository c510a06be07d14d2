"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CreateWorkspaceDialog } from "./create-workspace-dialog";

/** For a signed-in user who belongs to no workspace (they left them all). */
export function NoWorkspace() {
  const [creating, setCreating] = useState(false);
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-sm text-center">
        <h1 className="text-2xl font-semibold tracking-tight">No workspace yet</h1>
        <p className="mt-2 text-sm text-zinc-500">Create a workspace, or open an invite link someone sent you.</p>
        <div className="mt-6 flex justify-center gap-2">
          <Button onClick={() => setCreating(true)}>Create workspace</Button>
          <Button variant="secondary" onClick={() => signOut({ callbackUrl: "/signin" })}>
            Sign out
          </Button>
        </div>
      </div>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </main>
  );
}
