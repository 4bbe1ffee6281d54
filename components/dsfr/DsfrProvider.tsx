"use client";
// react-dsfr App Router bootstrap (client side): registers next/link as the DSFR link
// component and starts the DSFR JavaScript once React has hydrated.
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import Link from "next/link";
import type { ReactNode } from "react";
import { defaultColorScheme } from "./defaultColorScheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export function DsfrProvider({ children, lang }: { children: ReactNode; lang: string }) {
  return (
    <DsfrProviderBase lang={lang} Link={Link} defaultColorScheme={defaultColorScheme} doCheckNonce>
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
