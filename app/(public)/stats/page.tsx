import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import {
  DelaySection,
  FamilySection,
  KeyFigures,
  MonthSection,
  QuarterSection,
} from "@/components/stats/StatsSections";
import { formatDateTime } from "@/lib/dates";
import { getPublicStats, STATS_CACHE_SECONDS } from "@/lib/stats/cached";

export const metadata: Metadata = {
  title: "Statistiques",
  description:
    "Les chiffres publics de Commandes beta.gouv : bons de commande, bénéficiaires, produits, intervenants, montants engagés et certifiés, délais.",
};

// Public, no sign-in: like every beta.gouv.fr service, the portal publishes its figures.
// Aggregates only, shared by every visitor and recomputed at most every few minutes
// (lib/stats/cached.ts).
export default async function StatsPage() {
  const stats = await getPublicStats();
  return (
    <>
      <Breadcrumb homeLinkProps={{ href: "/" }} currentPageLabel="Statistiques" segments={[]} />
      <h1>Statistiques</h1>
      <p className="fr-text--lead">
        Comme chaque service de beta.gouv.fr, Commandes beta.gouv publie ses chiffres : l'activité de
        l'accord-cadre de la DINUM pour les équipes produit, ce qu'il engage et ce qui est certifié, et le
        temps que prend chaque étape.
      </p>
      <p>
        Ces chiffres sont des totaux : ils ne contiennent aucune donnée personnelle. Ils sont recalculés au
        plus toutes les {STATS_CACHE_SECONDS / 60} minutes (dernier calcul le{" "}
        {formatDateTime(new Date(stats.computedAt))}).
      </p>
      <p>
        <a className="fr-link fr-link--download" href="/stats/export.csv" download>
          Télécharger toutes les données de cette page <span className="fr-link__detail">CSV – UTF-8</span>
        </a>
      </p>

      <section aria-labelledby="en-bref" className="fr-mt-4w">
        <h2 id="en-bref">En bref</h2>
        <KeyFigures stats={stats} />
      </section>

      <section aria-labelledby="activite" className="fr-mt-4w">
        <h2 id="activite">Activité par trimestre</h2>
        <p>
          Les bons de commande émis dans le trimestre (hors commandes annulées ; un bon de commande
          modificatif ne compte pas comme une commande de plus), les bénéficiaires et produits dont au moins
          une commande couvre une partie du trimestre, et les intervenants affectés à une commande pendant le
          trimestre.
        </p>
        <QuarterSection stats={stats} />
      </section>

      <section aria-labelledby="depenses-mois" className="fr-mt-4w">
        <h2 id="depenses-mois">Montants par mois</h2>
        <p>
          Le montant engagé est ce que les bons de commande comptent sur le montant maximum de l'accord-cadre,
          au mois de leur émission (un modificatif, au mois où il est émis ; une commande clôturée n'engage
          plus que ce qui a été consommé). Le montant certifié est celui du service fait prononcé par les
          bénéficiaires, au mois de la décision.
        </p>
        <MonthSection stats={stats} />
      </section>

      <section aria-labelledby="depenses-familles" className="fr-mt-4w">
        <h2 id="depenses-familles">Montants par famille d'unités d'œuvre</h2>
        <FamilySection stats={stats} />
      </section>

      <section aria-labelledby="delais" className="fr-mt-4w">
        <h2 id="delais">Délais du cycle de commande</h2>
        <p>
          Délais médians, en jours calendaires : la moitié des cas a pris moins de temps, l'autre moitié plus.
        </p>
        <DelaySection stats={stats} />
      </section>
    </>
  );
}
