"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { CredentialKind } from "@/lib/queries/types";
import { useCreateCredential } from "@/lib/queries/use-credentials";
import { bindingError, bindingForCreate, type BindingDraft } from "./binding-draft";
import { BindingFields } from "./binding-fields";
import { credentialKinds } from "./credential-kinds";
import { SecretInput } from "./secret-input";

/** Saves a new credential. The secret goes to the server once and is cleared from the form. */
export function CreateCredentialDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  const create = useCreateCredential(slug);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<CredentialKind>("anthropic");
  const [secret, setSecret] = useState("");
  const [binding, setBinding] = useState<BindingDraft>({ baseUrl: "", hosts: "" });

  function close() {
    setName("");
    setKind("anthropic");
    setSecret("");
    setBinding({ baseUrl: "", hosts: "" });
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, kind, secret, ...bindingForCreate(kind, binding) }, { onSuccess: close });
  }

  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const bindingErrors = { baseUrl: bindingError(fieldErrors, "baseUrl"), hosts: bindingError(fieldErrors, "hosts") };
  const formError =
    create.error &&
    !fieldErrors.name &&
    !fieldErrors.kind &&
    !fieldErrors.secret &&
    !bindingErrors.baseUrl &&
    !bindingErrors.hosts
      ? errorMessage(create.error)
      : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add credential"
      description="The secret is encrypted when saved. Nobody can read it back: the dashboard and the API show only its last four characters."
    >
      <Form onSubmit={submit} noValidate className="space-y-4">
        <Field
          label="Name"
          hint="How models and tools refer to it, e.g. “Anthropic production”."
          error={fieldErrors.name}
        >
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
        </Field>
        <Field label="Kind" hint={credentialKinds.find((k) => k.value === kind)?.hint} error={fieldErrors.kind}>
          <Select value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
            {credentialKinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Secret" hint="Paste the key or token. It cannot be shown again." error={fieldErrors.secret}>
          <SecretInput value={secret} onChange={(e) => setSecret(e.target.value)} required />
        </Field>
        <BindingFields kind={kind} draft={binding} onChange={setBinding} errors={bindingErrors} />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <DialogFooter confirmLabel="Save credential" onCancel={close} pending={create.isPending} />
      </Form>
    </Dialog>
  );
}
