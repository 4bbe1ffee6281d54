// CSV/XLSX of the list at /referentiel/titulaires, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { contractorsTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/referentiel/titulaires", load: contractorsTable });
