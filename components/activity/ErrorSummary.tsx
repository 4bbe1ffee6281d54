"use client";
// The field errors of a grid, listed with links to their fields (DSFR error summary): in a
// table, messages are easy to miss; each link moves the focus to the cell to correct.
import type { ActionState } from "@/lib/action-state";

export function ErrorSummary({
  state,
  fields,
}: {
  state: ActionState;
  /** Error key ("days.<assignmentId>") → id and label of its field. */
  fields: Record<string, { id: string; label: string }>;
}) {
  if (state.status !== "error") return null;
  // Errors of a field get a link to it; the others (the grid as a whole) are listed as they are.
  const items = Object.entries(state.fieldErrors).map(([key, messages]) => ({
    key,
    field: fields[key] ?? null,
    message: messages.join(" "),
  }));
  if (items.length === 0) return null;
  return (
    <div className="fr-mb-3w">
      <p className="fr-text--bold fr-mb-1w">Champs à corriger :</p>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            {i.field ? (
              <>
                <a href={`#${i.field.id}`}>{i.field.label}</a> : {i.message}
              </>
            ) : (
              i.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
