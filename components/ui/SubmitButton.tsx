"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A submit button that is disabled while its form is being sent (no double submit). */
export function SubmitButton({
  children,
  priority = "primary",
  iconId,
}: {
  children: ReactNode;
  priority?: "primary" | "secondary" | "tertiary";
  iconId?: `fr-icon-${string}`;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" priority={priority} disabled={pending} iconId={iconId as never}>
      {pending ? "Envoi en cours…" : children}
    </Button>
  );
}
