"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { Credential } from "@/lib/queries/types";
import { useRotateCredential } from "@/lib/queries/use-credentials";
import { SecretInput } from "./secret-input";

function RotateForm({ slug, credential, onClose }: { slug: string; credential: Credential; onClose: () => void }) {
  const rotate = useRotateCredential(slug);
  const [secret, setSecret] = useState("");

  function close() {
    setSecret("");
    rotate.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    rotate.mutate({ id: credential.id, secret }, { onSuccess: close });
  }

  const fieldErrors = rotate.error instanceof ApiError ? rotate.error.fieldErrors : {};
  const formError = rotate.error && !fieldErrors.secret ? errorMessage(rotate.error) : null;
  return (
    <Form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="New secret"
        hint="It replaces the old one at once for every model and tool."
        error={fieldErrors.secret}
      >
        <SecretInput value={secret} onChange={(e) => setSecret(e.target.value)} required autoFocus />
      </Field>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <DialogFooter confirmLabel="Rotate secret" onCancel={close} pending={rotate.isPending} />
    </Form>
  );
}

/** Replaces a credential's secret; the old one is gone once this succeeds. */
export function RotateCredentialDialog({
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
      title={`Rotate “${credential?.name ?? ""}”`}
      description="Paste the new key or token. Runs that start from now use it."
    >
      {credential ? <RotateForm key={credential.id} slug={slug} credential={credential} onClose={onClose} /> : null}
    </Dialog>
  );
}
