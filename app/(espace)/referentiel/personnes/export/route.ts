// CSV/XLSX of the list at /referentiel/personnes, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { peopleTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/referentiel/personnes", load: peopleTable });
