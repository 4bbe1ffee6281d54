import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

/** Follows the person's system setting until they pick a theme in "Paramètres d'affichage". */
export const defaultColorScheme: DefaultColorScheme = "system";
