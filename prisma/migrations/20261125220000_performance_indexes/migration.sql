-- Indexes for the order list at national scale (docs/PERFORMANCE.md, "Indexes").
--
-- The list (lib/orders/queries.ts listOrders) always filters on the caller's scope — a
-- beneficiary, a contractor, or everything for DINUM — sorts by creation date by default
-- (newest first, then id in the same direction), shows 20 rows, and totals the whole
-- filtered list (count, sum HT, sum TTC). One index per scope, in the list's default order,
-- carrying the columns the totals and the status filter read, so that:
--   - the first page is 20 index entries, whatever the size of the list;
--   - a deep page skips index entries only (the page's ids are read by an index-only scan,
--     then the 20 rows are fetched: listOrders' deferred join);
--   - the count and sums are an index-only scan instead of reading every order of the scope.
-- Hand-written (Prisma's schema cannot express INCLUDE), like the partial unique indexes of
-- the earlier migrations; VACUUM keeps the visibility map that index-only scans rely on.

-- Beneficiary correspondents: their organisation's orders, drafts included.
CREATE INDEX "PurchaseOrder_beneficiary_list_idx" ON "PurchaseOrder" ("beneficiaryId", "createdAt", "id")
  INCLUDE ("status", "totalHtCents", "totalTtcCents");

-- Contractor correspondents: orders addressed to their company (status <> DRAFT, read from
-- the index too).
CREATE INDEX "PurchaseOrder_contractor_list_idx" ON "PurchaseOrder" ("contractorId", "createdAt", "id")
  INCLUDE ("status", "totalHtCents", "totalTtcCents");

-- DINUM: every order. Replaces the plain index on "createdAt", which it covers.
CREATE INDEX "PurchaseOrder_list_idx" ON "PurchaseOrder" ("createdAt", "id")
  INCLUDE ("status", "totalHtCents", "totalTtcCents");
DROP INDEX "PurchaseOrder_createdAt_idx";
