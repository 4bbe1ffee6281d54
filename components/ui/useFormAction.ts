"use client";
// useActionState for forms, minus React's automatic form reset after an action: when the
// server refuses the input, the person keeps what they typed next to the error messages.
// Without JavaScript the form still posts to the same action (progressive enhancement).
import { type FormEvent, startTransition, useActionState } from "react";
import { type ActionState, idle } from "@/lib/action-state";

export type FormActionFn = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function useFormAction(action: FormActionFn) {
  const [state, dispatch, pending] = useActionState(action, idle);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  }
  return { state, pending, formProps: { action: dispatch, onSubmit, noValidate: true } };
}
