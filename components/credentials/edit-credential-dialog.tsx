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
import { useUpdateCredential } from "@/lib/queries/use-credentials";
import { bindingError, credentialChanges, draftOf, type BindingDraft } from "./binding-draft";
import { BindingFields } from "./binding-fields";

function EditForm({ slug, credential, onClose }: { slug: string; credential: Credential; onClose: () => void }) {
  const update = useUpdateCredential(slug);
  const [name, setName] = useState(credential.name);
  const [binding, setBinding] = useState<BindingDraft>(() => draftOf(credential));

  function submit(e: FormEvent) {
    e.preventDefault();
    const changes = credentialChanges(credential, name, binding);
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate({ id: credential.id, ...changes }, { onSuccess: onClose });
  }

  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const bindingErrors = { baseUrl: bindingError(fieldErrors, "baseUrl"), hosts: bindingError(fieldErrors, "hosts") };
  const formError =
    update.error && !fieldErrors.name && !bindingErrors.baseUrl && !bindingErrors.hosts
      ? errorMessage(update.error)
      : null;
  return (
    <Form onSubmit={submit} noValidate className="space-y-4">
      <Field label="Name" error={fieldErrors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
      </Field>
      <BindingFields kind={credential.kind} draft={binding} onChange={setBinding} errors={bindingErrors} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter confirmLabel="Save changes" onCancel={onClose} pending={update.isPending} />
    </Form>
  );
}

/** Renames a credential or changes where it may be sent; what references it keeps working (references use its id). */
export function EditCredentialDialog({
  slug,
  credential,
  onClose,
}: {
  slug: string;
  credential: Credential | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={credential !== null}
      onClose={onClose}
      title={`Edit “${credential?.name ?? ""}”`}
      description="The secret stays as it is; rotate to replace it."
    >
      {credential ? <EditForm key={credential.id} slug={slug} credential={credential} onClose={onClose} /> : null}
    </Dialog>
  );
}
