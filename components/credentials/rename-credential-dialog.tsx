"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { Credential } from "@/lib/queries/types";
import { useRenameCredential } from "@/lib/queries/use-credentials";

function RenameForm({ slug, credential, onClose }: { slug: string; credential: Credential; onClose: () => void }) {
  const rename = useRenameCredential(slug);
  const [name, setName] = useState(credential.name);

  function submit(e: FormEvent) {
    e.preventDefault();
    rename.mutate({ id: credential.id, name }, { onSuccess: onClose });
  }

  const fieldErrors = rename.error instanceof ApiError ? rename.error.fieldErrors : {};
  const formError = rename.error && !fieldErrors.name ? errorMessage(rename.error) : null;
  return (
    <Form onSubmit={submit} noValidate className="space-y-4">
      <Field label="Name" error={fieldErrors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
      </Field>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter confirmLabel="Rename" onCancel={onClose} pending={rename.isPending} />
    </Form>
  );
}

/** Renames a credential; what references it keeps working (references use its id). */
export function RenameCredentialDialog({
  slug,
  credential,
  onClose,
}: {
  slug: string;
  credential: Credential | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={credential !== null} onClose={onClose} title={`Rename “${credential?.name ?? ""}”`}>
      {credential ? <RenameForm key={credential.id} slug={slug} credential={credential} onClose={onClose} /> : null}
    </Dialog>
  );
}
