import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DsfrProvider, StartDsfrOnHydration } from "@/components/dsfr/DsfrProvider";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/server-only-index";
import { Footer } from "@/components/layout/Footer";
import { Header } from "@/components/layout/Header";

// Every page shows who is signed in (header), so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { template: "%s – Commandes beta.gouv", default: "Commandes beta.gouv" },
  description:
    "Le portail de l'accord-cadre beta.gouv de la DINUM : bons de commande, suivi, comptes rendus d'activité et service fait, pour les bénéficiaires, les titulaires et la DINUM.",
};

const lang = "fr";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The CSP nonce of this response (proxy.ts): the DSFR's inline scripts carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <StartDsfrOnHydration />
        <DsfrHead nonce={nonce} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang}>
          <SkipLinks
            links={[
              { label: "Contenu", anchor: "#contenu" },
              { label: "Pied de page", anchor: "#footer" },
            ]}
          />
          <Header />
          <main id="contenu" tabIndex={-1}>
            {children}
          </main>
          <Footer />
        </DsfrProvider>
      </body>
    </html>
  );
}
