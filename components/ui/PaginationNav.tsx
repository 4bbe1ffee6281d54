import { Pagination } from "@codegouvfr/react-dsfr/Pagination";

/**
 * DSFR pagination that keeps the other search params (filters, sort) of the list.
 * Server component: links only, works without JavaScript.
 */
export function PaginationNav({
  page,
  pageCount,
  basePath,
  params = {},
}: {
  page: number;
  pageCount: number;
  basePath: string;
  params?: Record<string, string | undefined>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
    sp.set("page", String(p));
    return `${basePath}?${sp.toString()}`;
  };
  return (
    <Pagination
      count={pageCount}
      defaultPage={page}
      getPageLinkProps={(p) => ({ href: href(p) })}
      showFirstLast
      className="fr-mt-3w"
    />
  );
}
