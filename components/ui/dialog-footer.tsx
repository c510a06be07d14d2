"use client";

import { Button, type ButtonVariant } from "./button";
import { DialogActions } from "./dialog";

/**
 * Cancel plus the dialog's main action. Without `onConfirm` the main button
 * submits the surrounding form.
 */
export function DialogFooter({
  confirmLabel,
  onCancel,
  onConfirm,
  pending,
  variant = "primary",
}: {
  confirmLabel: string;
  onCancel: () => void;
  onConfirm?: () => void;
  pending?: boolean;
  variant?: ButtonVariant;
}) {
  return (
    <DialogActions>
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={variant} onClick={onConfirm} loading={pending}>
        {confirmLabel}
      </Button>
    </DialogActions>
  );
}
