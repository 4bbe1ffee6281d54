"use client";
// Replaces the root layout when it fails itself: no DSFR, no header, plain HTML that
// works even if the styles cannot load. Never shows the error's message or stack.

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <html lang="fr">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem", lineHeight: 1.5 }}>
        <title>Erreur – Commandes beta.gouv</title>
        <main>
          <h1>Une erreur inattendue est survenue</h1>
          <p>Excusez-nous pour la gêne occasionnée. Vous pouvez réessayer dans quelques instants.</p>
          {digest ? (
            <p>
              Si le problème persiste, contactez l'équipe du service en indiquant la référence{" "}
              <code>{digest}</code>.
            </p>
          ) : null}
          <p>
            <button type="button" onClick={() => retry()}>
              Réessayer
            </button>{" "}
            <a href="/">Retour à l'accueil</a>
          </p>
        </main>
      </body>
    </html>
  );
}
