import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import Link from "next/link";
import type { ReactNode } from "react";

/**
 * Choosing the period of a report: previous / next links and a GET form to type one
 * ("2026-S2", "2026-T4"). `hidden` carries the report's other parameters.
 */
export function PeriodPicker({
  action,
  name,
  label,
  hint,
  value,
  error,
  previous,
  next,
  hidden = {},
  children,
}: {
  action: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  error?: string;
  previous?: { href: string; label: string };
  next?: { href: string; label: string };
  hidden?: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <>
      {(previous || next) && (
        <nav aria-label="Période du rapport" className="fr-mb-2w">
          <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters">
            {previous && (
              <li className="fr-col-auto">
                <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={previous.href}>
                  {previous.label}
                </Link>
              </li>
            )}
            {next && (
              <li className="fr-col-auto">
                <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={next.href}>
                  {next.label}
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
      <search>
        <form method="get" action={action} className="fr-mb-3w" aria-label="Choisir le rapport">
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
            <div className="fr-col-12 fr-col-md-4">
              <Input
                label={label}
                hintText={hint}
                nativeInputProps={{ name, defaultValue: value, autoComplete: "off" }}
                {...(error ? { state: "error" as const, stateRelatedMessage: error } : {})}
              />
            </div>
            {children}
            <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
              <Button type="submit">Afficher</Button>
            </div>
          </div>
        </form>
      </search>
    </>
  );
}
