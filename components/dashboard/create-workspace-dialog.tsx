"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useCreateWorkspace } from "@/lib/queries/use-workspaces";

/** Creates a workspace and opens it. */
export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateWorkspace();
  const [name, setName] = useState("");

  function close() {
    setName("");
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name },
      {
        onSuccess: (workspace) => {
          close();
          router.push(`/w/${encodeURIComponent(workspace.slug)}`);
        },
      },
    );
  }

  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create workspace"
      description="A workspace holds its own workflows, runs, members and billing."
    >
      <Form onSubmit={submit} noValidate>
        <Field label="Name" error={fieldErrors.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            autoFocus
            placeholder="Acme research"
          />
        </Field>
        {create.error && !fieldErrors.name ? (
          <Alert tone="error" className="mt-4">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <DialogFooter confirmLabel="Create workspace" onCancel={close} pending={create.isPending} />
      </Form>
    </Dialog>
  );
}
