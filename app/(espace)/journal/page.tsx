import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Metadata } from "next";
import { AuditEventList } from "@/components/audit/AuditEventList";
import { AuditFilterForm, type AuditFilterValues } from "@/components/audit/AuditFilterForm";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { type AuditEventDto, listAuditEvents, listAuditFilterOptions } from "@/lib/audit/queries";
import { requireActor } from "@/lib/auth/session";
import { type AppError, isAppError } from "@/lib/errors";
import { orNotFound, param } from "@/lib/pages";
import { type Page, pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Journal des modifications" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/journal");
  // DINUM only: anyone else gets the 404 page.
  const options = await orNotFound(listAuditFilterOptions({ actor }));
  const sp = await searchParams;
  const values: AuditFilterValues = {
    action: param(sp.action),
    entityType: param(sp.entityType),
    entityId: param(sp.entityId),
    actorEmail: param(sp.actorEmail),
    from: param(sp.from),
    to: param(sp.to),
  };

  // Bad filters (inverted period, impossible date) are explained; nothing is queried.
  let result: Page<AuditEventDto> | null = null;
  let refusal: AppError | null = null;
  try {
    result = await listAuditEvents({ actor, page: pageFromParams(sp.page), filters: values });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION") refusal = e;
    else throw e;
  }

  return (
    <>
      <h1>Journal des modifications</h1>
      <p>
        Chaque modification faite dans le portail est enregistrée ici : qui l'a faite, quand, et l'état de
        l'élément avant et après. Ce journal ne peut être ni modifié ni effacé.
      </p>
      <AuditFilterForm
        values={values}
        actions={options.actions}
        entityTypes={options.entityTypes}
        fieldErrors={refusal?.fieldErrors ?? {}}
      />
      {refusal && (
        // The DSFR error alert is itself the live region (role "alert").
        <div className="fr-mb-3w">
          <Alert severity="error" small description={refusal.message} />
        </div>
      )}
      {result &&
        (result.total === 0 ? (
          <p>Aucun événement ne correspond à ces filtres.</p>
        ) : (
          <>
            <DownloadLinks href="/journal/export" what="le journal" params={values} />
            <AuditEventList
              caption={`Événements (${result.total}), du plus récent au plus ancien – page ${result.page} sur ${result.pageCount}`}
              events={result.items}
            />
            <PaginationNav
              page={result.page}
              pageCount={result.pageCount}
              basePath="/journal"
              params={values}
            />
          </>
        ))}
    </>
  );
}
