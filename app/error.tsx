"use client";
// Unexpected errors below the root layout (header and footer stay in place). Never shows
// the error's message or stack: only its digest, which matches the server logs.
import { useEffect, useRef } from "react";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Move focus to the message so keyboard and screen-reader users learn what happened.
    headingRef.current?.focus();
  }, []);

  return (
    <div className="fr-container fr-my-7w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <h1 ref={headingRef} tabIndex={-1}>
            Une erreur inattendue est survenue
          </h1>
          <p className="fr-text--lead fr-mb-3w">
            Excusez-nous pour la gêne occasionnée. Vous pouvez réessayer dans quelques instants.
          </p>
          <p className="fr-mb-3w">
            Si le problème persiste, contactez l'équipe du service
            {digest ? (
              <>
                {" "}
                en indiquant la référence <code>{digest}</code>
              </>
            ) : null}
            .
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              {/* retry re-fetches the segment from the server; reset alone would re-render the same error. */}
              <button type="button" className="fr-btn" onClick={() => retry()}>
                Réessayer
              </button>
            </li>
            <li>
              {/* A plain link: the client router may be in a broken state. */}
              <a className="fr-btn fr-btn--secondary" href="/">
                Page d'accueil
              </a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

function errorDigest(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return null;
}
