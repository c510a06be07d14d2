"use client";

import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "./api-client";

export function useResendVerification() {
  return useMutation({
    mutationFn: () =>
      apiRequest<{ email: string; emailed: boolean; emailError: string | null }>("/api/verify-email/resend", {
        method: "POST",
      }),
  });
}

export function useVerifyEmail() {
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest<{ email: string; verified: true }>("/api/verify-email", { method: "POST", body: { token } }),
  });
}
