// react-dsfr App Router bootstrap (server side): <html> attributes for the colour scheme
// and the <head> content (DSFR styles, Marianne fonts, favicons).
import {
  createGetHtmlAttributes,
  DsfrHeadBase,
  type DsfrHeadProps,
} from "@codegouvfr/react-dsfr/next-app-router/server-only-index";
import Link from "next/link";
import { defaultColorScheme } from "./defaultColorScheme";

export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

/** DsfrHead also links the Marianne favicons (favicon.svg, favicon.ico, apple-touch-icon). */
export function DsfrHead(props: Omit<DsfrHeadProps, "Link">) {
  return <DsfrHeadBase Link={Link} {...props} />;
}
