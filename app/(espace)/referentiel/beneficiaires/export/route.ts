// CSV/XLSX of the list at /referentiel/beneficiaires, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { beneficiariesTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/referentiel/beneficiaires", load: beneficiariesTable });
