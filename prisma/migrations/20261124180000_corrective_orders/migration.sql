-- Corrective orders (bons de commande modificatifs).
--
-- Model: a corrective order is its own legal act with its own number, and its lines carry
-- the SIGNED change of the corrected lines (quantity and amount, at the original line's
-- frozen unit price). Its totals are therefore signed too (a decrease prints negative
-- amounts). What counts against the agreement's ceiling stays on the ORIGINAL order:
-- issuing a corrective order adds its signed delta to the original's committedHtCents,
-- and the corrective order itself always commits 0. So the invariant
--   agreement.committedHtCents = sum(PurchaseOrder.committedHtCents) <= maxAmountHtCents
-- keeps holding, and every committed amount stays >= 0.
ALTER TABLE "PurchaseOrder" DROP CONSTRAINT "PurchaseOrder_amounts";
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_amounts" CHECK (
  "totalTtcCents" = "totalHtCents" + "vatCents" AND "committedHtCents" >= 0
  AND (
    ("correctsOrderId" IS NULL AND "totalHtCents" >= 0 AND "vatCents" >= 0)
    OR ("correctsOrderId" IS NOT NULL AND "committedHtCents" = 0)
  )
);
