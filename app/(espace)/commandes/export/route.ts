// CSV/XLSX of the list at /commandes, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { ordersTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/commandes", load: ordersTable });
