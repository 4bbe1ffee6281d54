import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { formatDate } from "@/lib/dates";
import type { RunOut } from "@/lib/follow-up/rules";
import { formatDays } from "./format";

/** "Date d'épuisement au rythme actuel", in plain words, warned when it comes before the end. */
export function RunOutNotice({
  runOut,
  endsOn,
  finished,
}: {
  runOut: RunOut;
  endsOn: string;
  /** Completed or closed: no projection. */
  finished: boolean;
}) {
  const title = "Date d'épuisement au rythme actuel";
  if (finished) {
    return (
      <Alert
        severity="info"
        small
        className="fr-mb-3w"
        description="Les travaux de ce bon de commande sont terminés : plus de projection."
      />
    );
  }
  if (runOut.kind === "exhausted") {
    return (
      <Alert
        severity="warning"
        small
        className="fr-mb-3w"
        description="Tous les jours commandés ont été validés : aucun jour ne reste à consommer."
      />
    );
  }
  if (runOut.kind === "noRate") {
    return (
      <Alert
        severity="info"
        small
        className="fr-mb-3w"
        description={`${title} : pas encore calculable (aucun jour validé sur les derniers mois complets).`}
      />
    );
  }
  const early = runOut.date < endsOn;
  const pace = `${formatDays(runOut.daysPerMonth.toDecimalPlaces(1))} jours validés par mois en moyenne sur ${
    runOut.monthsMeasured > 1
      ? `les ${runOut.monthsMeasured} derniers mois complets`
      : "le dernier mois complet"
  }`;
  return (
    <Alert
      severity={early ? "warning" : "info"}
      small
      className="fr-mb-3w"
      data-testid="run-out"
      description={`${title} : le ${formatDate(runOut.date)} (${pace})${
        early
          ? `, avant la fin prévue le ${formatDate(endsOn)} : un bon de commande modificatif peut être nécessaire.`
          : `, après la fin prévue le ${formatDate(endsOn)}.`
      }`}
    />
  );
}
