"use client";

import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Dialog } from "./dialog";
import { DialogFooter } from "./dialog-footer";

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a destructive action. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DialogFooter
        confirmLabel={confirmLabel}
        variant="danger"
        onCancel={onClose}
        onConfirm={onConfirm}
        pending={pending}
      />
    </Dialog>
  );
}
