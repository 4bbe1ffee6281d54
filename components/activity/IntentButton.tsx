"use client";
// A submit button that names what the form should do ("intent": save or submit); the form's
// FormData carries it (the submitter). react-dsfr's Button takes the value as its own prop.
import { Button } from "@codegouvfr/react-dsfr/Button";

export function IntentButton({
  intent,
  pending,
  secondary = false,
  icon,
  children,
}: {
  intent: "save" | "submit";
  pending: boolean;
  secondary?: boolean;
  icon: "fr-icon-save-line" | "fr-icon-send-plane-line";
  children: string;
}) {
  return (
    <Button
      type="submit"
      value={intent}
      nativeButtonProps={{ name: "intent" }}
      priority={secondary ? "secondary" : "primary"}
      iconId={icon}
      disabled={pending}
    >
      {pending ? "Envoi en cours…" : children}
    </Button>
  );
}
