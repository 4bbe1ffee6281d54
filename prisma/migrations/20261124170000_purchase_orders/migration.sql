-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "FrameworkAgreement" ADD COLUMN     "committedHtCents" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" UUID NOT NULL,
    "agreementId" UUID NOT NULL,
    "number" TEXT,
    "status" "OrderStatus" NOT NULL DEFAULT 'DRAFT',
    "correctsOrderId" UUID,
    "beneficiaryId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "chorusServiceCode" TEXT NOT NULL,
    "billingAddress" TEXT NOT NULL,
    "legalCommitmentNumber" TEXT,
    "orderDate" DATE,
    "signatoryName" TEXT,
    "issuedAt" TIMESTAMPTZ(3),
    "issuedById" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancellationReason" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "totalHtCents" BIGINT NOT NULL DEFAULT 0,
    "vatCents" BIGINT NOT NULL DEFAULT 0,
    "totalTtcCents" BIGINT NOT NULL DEFAULT 0,
    "committedHtCents" BIGINT NOT NULL DEFAULT 0,
    "observations" TEXT NOT NULL DEFAULT '',
    "creationKey" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "uoTypeId" UUID NOT NULL,
    "quantity" DECIMAL(12,2) NOT NULL,
    "correctsLineId" UUID,
    "deliverables" TEXT NOT NULL DEFAULT '',
    "unitPriceHtCents" INTEGER,
    "priceScheduleVersionId" UUID,
    "amountHtCents" BIGINT,
    "consumedDays" DECIMAL(12,1) NOT NULL DEFAULT 0,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderNumberCounter" (
    "agreementId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "OrderNumberCounter_pkey" PRIMARY KEY ("agreementId","year")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "toEmail" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_number_key" ON "PurchaseOrder"("number");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_creationKey_key" ON "PurchaseOrder"("creationKey");

-- CreateIndex
CREATE INDEX "PurchaseOrder_beneficiaryId_status_createdAt_idx" ON "PurchaseOrder"("beneficiaryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "PurchaseOrder_contractorId_status_createdAt_idx" ON "PurchaseOrder"("contractorId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "PurchaseOrder_productId_idx" ON "PurchaseOrder"("productId");

-- CreateIndex
CREATE INDEX "PurchaseOrder_agreementId_status_idx" ON "PurchaseOrder"("agreementId", "status");

-- CreateIndex
CREATE INDEX "PurchaseOrder_correctsOrderId_idx" ON "PurchaseOrder"("correctsOrderId");

-- CreateIndex
CREATE INDEX "PurchaseOrder_createdAt_idx" ON "PurchaseOrder"("createdAt");

-- CreateIndex
CREATE INDEX "OrderLine_correctsLineId_idx" ON "OrderLine"("correctsLineId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_orderId_position_key" ON "OrderLine"("orderId", "position");

-- CreateIndex
CREATE INDEX "Notification_status_createdAt_idx" ON "Notification"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_entityType_entityId_idx" ON "Notification"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "FrameworkAgreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Contractor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_correctsOrderId_fkey" FOREIGN KEY ("correctsOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "PurchaseOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_uoTypeId_fkey" FOREIGN KEY ("uoTypeId") REFERENCES "UoType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------
-- Hand-written invariants.
-- ---------------------------------------------------------------------------

-- The ceiling: the committed sum never exceeds the agreement's maximum, whatever the
-- concurrency (each issue adds to this counter in its own transaction, under the row lock).
ALTER TABLE "FrameworkAgreement" ADD CONSTRAINT "FrameworkAgreement_ceiling"
  CHECK ("committedHtCents" >= 0 AND "committedHtCents" <= "maxAmountHtCents");

ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_period" CHECK ("endsOn" >= "startsOn");
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_amounts" CHECK (
  "totalHtCents" >= 0 AND "vatCents" >= 0 AND "totalTtcCents" = "totalHtCents" + "vatCents"
  AND "committedHtCents" >= 0
);
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_ej_format"
  CHECK ("legalCommitmentNumber" IS NULL OR "legalCommitmentNumber" ~ '^[0-9]{10}$');
-- Issued orders carry everything the legal act needs.
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_issued_complete" CHECK (
  "status" = 'DRAFT' OR ("status" = 'CANCELLED' AND "issuedAt" IS NULL)
  OR ("number" IS NOT NULL AND "legalCommitmentNumber" IS NOT NULL AND "issuedAt" IS NOT NULL
      AND "orderDate" IS NOT NULL AND "signatoryName" IS NOT NULL)
);
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_cancel_reason"
  CHECK ("status" <> 'CANCELLED' OR "cancellationReason" IS NOT NULL);

-- Quantities are whole days: multiples of 0.05 UO. Original lines are positive; a corrective
-- line is a signed, non-zero change.
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_quantity_step" CHECK ("quantity" % 0.05 = 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_quantity_sign" CHECK (
  ("correctsLineId" IS NULL AND "quantity" > 0) OR ("correctsLineId" IS NOT NULL AND "quantity" <> 0)
);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_price_positive"
  CHECK ("unitPriceHtCents" IS NULL OR "unitPriceHtCents" > 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_consumed_nonnegative" CHECK ("consumedDays" >= 0);

-- A line's frozen price never changes once its order is issued.
CREATE FUNCTION order_line_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_status "OrderStatus";
BEGIN
  SELECT "status" INTO v_status FROM "PurchaseOrder" WHERE "id" = COALESCE(NEW."orderId", OLD."orderId");
  IF v_status IS DISTINCT FROM 'DRAFT' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'lines of an issued order cannot be deleted' USING ERRCODE = 'P0001';
    END IF;
    IF TG_OP = 'INSERT' OR NEW."quantity" IS DISTINCT FROM OLD."quantity"
       OR NEW."unitPriceHtCents" IS DISTINCT FROM OLD."unitPriceHtCents"
       OR NEW."uoTypeId" IS DISTINCT FROM OLD."uoTypeId"
       OR NEW."amountHtCents" IS DISTINCT FROM OLD."amountHtCents" THEN
      RAISE EXCEPTION 'lines of an issued order cannot change' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "OrderLine_frozen_once_issued"
  BEFORE INSERT OR UPDATE OR DELETE ON "OrderLine"
  FOR EACH ROW EXECUTE FUNCTION order_line_frozen_guard();
