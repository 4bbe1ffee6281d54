"use client";
// Announces the outcome of a form action: DSFR alert, focused and in a live region so
// screen readers read it (RGAA 7.5, 11.10).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/action-state";

export function FormFeedback({ state }: { state: ActionState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") ref.current?.focus();
  }, [state]);
  if (state.status === "idle") return null;
  return (
    // The DSFR alert is the live region ("alert" for an error, "status" for a success): the
    // wrapper only takes the focus, so nothing is announced twice.
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <Alert severity={state.status === "error" ? "error" : "success"} small description={state.message} />
    </div>
  );
}

/** The error messages of one field, for an Input's `stateRelatedMessage`. */
export function fieldError(state: ActionState, name: string): string | undefined {
  if (state.status !== "error") return undefined;
  return state.fieldErrors[name]?.join(" ");
}

/** Props to spread on a react-dsfr Input/Select: error state + message. */
export function fieldState(state: ActionState, name: string) {
  const message = fieldError(state, name);
  return message ? { state: "error" as const, stateRelatedMessage: message } : {};
}
