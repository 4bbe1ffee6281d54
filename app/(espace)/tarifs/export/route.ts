// CSV/XLSX of the list at /tarifs, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { pricesInForceTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/tarifs", load: pricesInForceTable });
