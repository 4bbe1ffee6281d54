"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A submit button that is disabled while its form is being sent (no double submit). */
export function SubmitButton({
  children,
  priority = "primary",
  iconId,
  pending: pendingProp = false,
}: {
  children: ReactNode;
  priority?: "primary" | "secondary" | "tertiary";
  iconId?: `fr-icon-${string}`;
  /** For forms submitted by `useFormAction` (useFormStatus does not see those submissions). */
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingProp || status.pending;
  return (
    <Button type="submit" priority={priority} disabled={pending} iconId={iconId as never}>
      {pending ? "Envoi en cours…" : children}
    </Button>
  );
}
