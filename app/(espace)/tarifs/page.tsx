import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { PricesInForceTable } from "@/components/price-schedules/PricesInForceTable";
import { VersionList } from "@/components/price-schedules/VersionList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { canProposePrices } from "@/lib/price-schedules/policies";
import { listPriceScheduleVersions, listPricesInForce } from "@/lib/price-schedules/queries";
import { STATUS_LABELS } from "@/lib/price-schedules/rules";
import { versionFiltersSchema } from "@/lib/price-schedules/schemas";

export const metadata: Metadata = { title: "Bordereaux de prix" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PriceSchedulesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/tarifs");
  const sp = await searchParams;
  const page = pageFromParams(sp.page);
  const { status } = versionFiltersSchema.parse({ status: param(sp.statut) || undefined });
  const isDinum = can(actor, "priceSchedule:decide");
  const isContractor = canProposePrices(actor);

  const [inForce, proposals, versions] = await Promise.all([
    orNotFound(listPricesInForce({ actor })),
    isDinum
      ? orNotFound(listPriceScheduleVersions({ actor, status: "PROPOSED", page: 1, pageSize: 50 }))
      : Promise.resolve(null),
    orNotFound(
      listPriceScheduleVersions({
        actor,
        page,
        // Outside DINUM and the contractors, only validated versions exist for the person.
        status: isDinum || isContractor ? status : "VALIDATED",
      }),
    ),
  ]);

  const versionsTitle = isDinum ? "Toutes les versions" : isContractor ? "Mes versions" : "Versions validées";

  return (
    <>
      <h1>Bordereaux de prix</h1>
      <p>
        Chaque titulaire a un bordereau de prix : le prix unitaire HT de chaque unité d'œuvre. Une nouvelle
        version ne s'applique qu'une fois validée par la DINUM, à partir de sa date d'effet ; une commande
        garde les prix en vigueur le jour de son émission.
      </p>

      {isContractor && (
        <Button linkProps={{ href: "/tarifs/proposer" }} iconId="fr-icon-add-line" className="fr-mb-3w">
          Proposer une nouvelle version
        </Button>
      )}

      {proposals && (
        <section aria-labelledby="a-examiner" className="fr-mb-6w">
          <h2 id="a-examiner">Propositions à examiner</h2>
          {proposals.total === 0 ? (
            <p>Aucune proposition en attente de décision.</p>
          ) : (
            <VersionList
              caption={`Propositions en attente de décision (${proposals.total})`}
              items={proposals.items}
            />
          )}
        </section>
      )}

      <section aria-labelledby="en-vigueur" className="fr-mb-6w">
        <h2 id="en-vigueur">Prix en vigueur aujourd'hui</h2>
        <DownloadLinks href="/tarifs/export" what="les prix en vigueur" />
        <PricesInForceTable table={inForce} />
      </section>

      <section aria-labelledby="versions">
        <h2 id="versions">{versionsTitle}</h2>
        {(isDinum || isContractor) && (
          <nav aria-label="Filtrer les versions par statut" className="fr-mb-2w">
            <ul className="fr-tags-group">
              <li>
                <a className="fr-tag" href="/tarifs#versions" aria-current={status ? undefined : "page"}>
                  Toutes
                </a>
              </li>
              {(["PROPOSED", "VALIDATED", "REJECTED"] as const).map((s) => (
                <li key={s}>
                  <a
                    className="fr-tag"
                    href={`/tarifs?statut=${s}#versions`}
                    aria-current={status === s ? "page" : undefined}
                  >
                    {STATUS_LABELS[s]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {versions.total === 0 ? (
          <p>Aucune version{status ? " avec ce statut" : ""} pour l'instant.</p>
        ) : (
          <VersionList
            caption={`${versionsTitle}${status ? ` – ${STATUS_LABELS[status].toLowerCase()}` : ""} (${versions.total}) – page ${versions.page} sur ${versions.pageCount}`}
            items={versions.items}
            showContractor={!isContractor}
          />
        )}
        <PaginationNav
          page={versions.page}
          pageCount={versions.pageCount}
          basePath="/tarifs"
          params={{ statut: status }}
        />
      </section>
    </>
  );
}
