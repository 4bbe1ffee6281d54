// @socialgouv/jours-feries ships no types. It returns the French public holidays of a year
// as Dates at local midnight (read them with getFullYear/getMonth/getDate).
declare module "@socialgouv/jours-feries" {
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
