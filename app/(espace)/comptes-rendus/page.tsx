import type { Metadata } from "next";
import { WorkQueueList } from "@/components/activity/WorkQueueList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { listWorkQueue } from "@/lib/activity/queries";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Comptes rendus d'activité" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const INTRO = {
  CONTRACTOR:
    "Les comptes rendus d'activité à écrire ou à corriger sur les bons de commande adressés à votre société : les mois sans compte rendu jusqu'au mois en cours, les brouillons et les comptes rendus rejetés par le bénéficiaire.",
  BENEFICIARY:
    "Les comptes rendus d'activité soumis par les titulaires sur les bons de commande de votre organisation, à valider ou à rejeter.",
  DINUM:
    "Tous les comptes rendus d'activité de l'accord-cadre, du plus récent au plus ancien (consultation).",
} as const;

const EMPTY = {
  CONTRACTOR: "Rien à faire : tous les mois écoulés ont leur compte rendu, soumis ou validé.",
  BENEFICIARY: "Aucun compte rendu n'attend votre validation.",
  DINUM: "Aucun compte rendu d'activité pour l'instant.",
} as const;

export default async function WorkQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/comptes-rendus");
  const sp = await searchParams;
  const role = actor.membership.role;
  const result = await orNotFound(listWorkQueue({ actor, page: pageFromParams(sp.page) }));
  return (
    <>
      <h1>Comptes rendus d'activité</h1>
      <p>{INTRO[role]}</p>
      {result.total === 0 ? (
        <p>{EMPTY[role]}</p>
      ) : (
        <WorkQueueList
          caption={`${role === "BENEFICIARY" ? "Comptes rendus à valider" : role === "CONTRACTOR" ? "Comptes rendus à écrire ou à corriger" : "Comptes rendus"} (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          items={result.items}
          role={role}
        />
      )}
      <PaginationNav page={result.page} pageCount={result.pageCount} basePath="/comptes-rendus" />
    </>
  );
}
