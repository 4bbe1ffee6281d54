// The result of a form action, shared by server actions and the client forms that show it.
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string }
  | { status: "error"; message: string; fieldErrors: Record<string, string[]> };

export const idle: ActionState = { status: "idle" };
