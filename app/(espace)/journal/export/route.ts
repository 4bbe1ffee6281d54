// CSV/XLSX of the list at /journal, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { auditTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/journal", load: auditTable });
