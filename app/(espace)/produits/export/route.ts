// CSV/XLSX of the list at /produits, in the caller's scope, with the page's filters.
import { exportRoute } from "@/lib/exports/route";
import { productsTable } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";
export const GET = exportRoute({ page: "/produits", load: productsTable });
