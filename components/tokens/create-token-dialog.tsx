"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { CreatedApiToken } from "@/lib/queries/types";
import { useCreateToken } from "@/lib/queries/use-tokens";
import { expiryFor, expiryOptions, type ExpiryChoice } from "./expiry-options";

function SecretView({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  return (
    <div>
      <Alert tone="warning" title="Copy this token now">
        It is shown only once. Store it somewhere safe: anyone with it can use the API as this workspace.
      </Alert>
      <div className="mt-4">
        <label htmlFor="new-token-secret" className="block text-sm font-medium text-zinc-800">
          {created.name}
        </label>
        <div className="mt-1.5 flex gap-2">
          <input
            id="new-token-secret"
            readOnly
            value={created.token}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="new-token-secret"
            className="h-10 min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-sm text-zinc-900"
          />
          <CopyButton value={created.token} className="h-10" />
        </div>
      </div>
      <DialogActions>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}

/** Creates an API token; the secret is shown once, right here. */
export function CreateTokenDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  const create = useCreateToken(slug);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<ExpiryChoice>("90");
  const [customDate, setCustomDate] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);

  function close() {
    setName("");
    setExpiry("90");
    setCustomDate("");
    setLocalError(null);
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const expiresAt = expiryFor(expiry, customDate);
    if (expiresAt === "") {
      setLocalError("Pick a date");
      return;
    }
    setLocalError(null);
    create.mutate({ name, expiresAt });
  }

  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const formError = create.error && !fieldErrors.name && !fieldErrors.expiresAt ? errorMessage(create.error) : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={create.data ? "Token created" : "Create API token"}
      description={create.data ? undefined : "Tokens call the REST API as this workspace, with member rights."}
    >
      {create.data ? (
        <SecretView created={create.data} onDone={close} />
      ) : (
        <Form onSubmit={submit} noValidate className="space-y-4">
          <Field label="Name" hint="What uses it, e.g. “CI pipeline”." error={fieldErrors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
          </Field>
          <Field label="Expires" error={expiry === "custom" ? null : fieldErrors.expiresAt}>
            <Select value={expiry} onChange={(e) => setExpiry(e.target.value as ExpiryChoice)}>
              {expiryOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          {expiry === "custom" ? (
            <Field label="Expiry date" error={localError ?? fieldErrors.expiresAt}>
              <Input type="date" value={customDate} onChange={(e) => setCustomDate(e.target.value)} required />
            </Field>
          ) : null}
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <DialogFooter confirmLabel="Create token" onCancel={close} pending={create.isPending} />
        </Form>
      )}
    </Dialog>
  );
}
