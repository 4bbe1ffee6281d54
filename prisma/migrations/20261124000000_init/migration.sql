-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('BENEFICIARY', 'CONTRACTOR', 'DINUM');

-- CreateEnum
CREATE TYPE "UoFamily" AS ENUM ('DEVOPS', 'DESIGN', 'BIZDEV', 'PRODUCT_MANAGEMENT', 'REVERSIBILITE');

-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('STARTUP_ETAT', 'DINUM_PRODUCT');

-- CreateEnum
CREATE TYPE "ProductPhaseName" AS ENUM ('INVESTIGATION', 'CONSTRUCTION', 'ACCELERATION', 'CONSOLIDATION', 'TRANSFERT', 'OPERE', 'ABANDON');

-- CreateEnum
CREATE TYPE "PriceScheduleStatus" AS ENUM ('PROPOSED', 'VALIDATED', 'REJECTED');

-- CreateTable
CREATE TABLE "FrameworkAgreement" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "maxAmountHtCents" BIGINT NOT NULL,
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "FrameworkAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UoType" (
    "id" UUID NOT NULL,
    "agreementId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "family" "UoFamily" NOT NULL,
    "level" TEXT,
    "daysPerUnit" INTEGER NOT NULL DEFAULT 20,
    "description" TEXT NOT NULL,
    "deliverables" TEXT[],
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "UoType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contractor" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "siret" CHAR(14) NOT NULL,
    "postalAddress" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Contractor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Beneficiary" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "siret" CHAR(14) NOT NULL,
    "postalAddress" TEXT NOT NULL,
    "chorusServiceCode" TEXT NOT NULL,
    "billingAddress" TEXT NOT NULL,
    "isDinum" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Beneficiary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "usualName" TEXT NOT NULL,
    "oidcSub" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "beneficiaryId" UUID,
    "contractorId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "activeMembershipId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "idToken" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "beneficiaryId" UUID NOT NULL,
    "kind" "ProductKind" NOT NULL,
    "incubator" TEXT,
    "betaGouvId" TEXT,
    "statsUrl" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductPhase" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "phase" "ProductPhaseName" NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceSchedule" (
    "id" UUID NOT NULL,
    "agreementId" UUID NOT NULL,
    "contractorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceScheduleVersion" (
    "id" UUID NOT NULL,
    "scheduleId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "status" "PriceScheduleStatus" NOT NULL DEFAULT 'PROPOSED',
    "comment" TEXT NOT NULL DEFAULT '',
    "proposedById" UUID NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "rejectionReason" TEXT,

    CONSTRAINT "PriceScheduleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceScheduleItem" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "uoTypeId" UUID NOT NULL,
    "unitPriceHtCents" INTEGER NOT NULL,

    CONSTRAINT "PriceScheduleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actorEmail" TEXT,
    "actorRole" "Role",
    "actorOrgId" TEXT,
    "actorOrgName" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkAgreement_reference_key" ON "FrameworkAgreement"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "UoType_agreementId_code_key" ON "UoType"("agreementId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Contractor_siret_key" ON "Contractor"("siret");

-- CreateIndex
CREATE INDEX "Contractor_name_idx" ON "Contractor"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Beneficiary_siret_key" ON "Beneficiary"("siret");

-- CreateIndex
CREATE INDEX "Beneficiary_name_idx" ON "Beneficiary"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSub_key" ON "User"("oidcSub");

-- CreateIndex
CREATE INDEX "User_usualName_givenName_idx" ON "User"("usualName", "givenName");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE INDEX "Membership_beneficiaryId_idx" ON "Membership"("beneficiaryId");

-- CreateIndex
CREATE INDEX "Membership_contractorId_idx" ON "Membership"("contractorId");

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_betaGouvId_key" ON "Product"("betaGouvId");

-- CreateIndex
CREATE INDEX "Product_beneficiaryId_name_idx" ON "Product"("beneficiaryId", "name");

-- CreateIndex
CREATE INDEX "Product_name_idx" ON "Product"("name");

-- CreateIndex
CREATE INDEX "ProductPhase_productId_startsOn_idx" ON "ProductPhase"("productId", "startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "PriceSchedule_agreementId_contractorId_key" ON "PriceSchedule"("agreementId", "contractorId");

-- CreateIndex
CREATE INDEX "PriceScheduleVersion_scheduleId_status_effectiveOn_idx" ON "PriceScheduleVersion"("scheduleId", "status", "effectiveOn");

-- CreateIndex
CREATE UNIQUE INDEX "PriceScheduleVersion_scheduleId_number_key" ON "PriceScheduleVersion"("scheduleId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PriceScheduleItem_versionId_uoTypeId_key" ON "PriceScheduleItem"("versionId", "uoTypeId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_occurredAt_idx" ON "AuditEvent"("entityType", "entityId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_occurredAt_idx" ON "AuditEvent"("actorUserId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- AddForeignKey
ALTER TABLE "UoType" ADD CONSTRAINT "UoType_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "FrameworkAgreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Contractor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductPhase" ADD CONSTRAINT "ProductPhase_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceSchedule" ADD CONSTRAINT "PriceSchedule_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "FrameworkAgreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceSchedule" ADD CONSTRAINT "PriceSchedule_contractorId_fkey" FOREIGN KEY ("contractorId") REFERENCES "Contractor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceScheduleVersion" ADD CONSTRAINT "PriceScheduleVersion_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "PriceSchedule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceScheduleItem" ADD CONSTRAINT "PriceScheduleItem_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PriceScheduleVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceScheduleItem" ADD CONSTRAINT "PriceScheduleItem_uoTypeId_fkey" FOREIGN KEY ("uoTypeId") REFERENCES "UoType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------
-- Hand-written invariants the database itself must hold (not expressible in Prisma).
-- ---------------------------------------------------------------------------

-- A membership points to exactly the kind of organisation its role needs.
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_org_matches_role" CHECK (
  ("role" = 'CONTRACTOR' AND "contractorId" IS NOT NULL AND "beneficiaryId" IS NULL)
  OR ("role" IN ('BENEFICIARY', 'DINUM') AND "beneficiaryId" IS NOT NULL AND "contractorId" IS NULL)
);
CREATE UNIQUE INDEX "Membership_user_role_org_key"
  ON "Membership" ("userId", "role", COALESCE("beneficiaryId", "contractorId"));

-- Only one organisation is DINUM.
CREATE UNIQUE INDEX "Beneficiary_single_dinum_key" ON "Beneficiary" ("isDinum") WHERE "isDinum";

ALTER TABLE "Beneficiary" ADD CONSTRAINT "Beneficiary_siret_digits" CHECK ("siret" ~ '^[0-9]{14}$');
ALTER TABLE "Contractor" ADD CONSTRAINT "Contractor_siret_digits" CHECK ("siret" ~ '^[0-9]{14}$');
ALTER TABLE "User" ADD CONSTRAINT "User_email_normalized" CHECK ("email" = lower(btrim("email")));
ALTER TABLE "FrameworkAgreement" ADD CONSTRAINT "FrameworkAgreement_dates" CHECK ("endsOn" >= "startsOn");
ALTER TABLE "FrameworkAgreement" ADD CONSTRAINT "FrameworkAgreement_max_positive" CHECK ("maxAmountHtCents" > 0);
ALTER TABLE "FrameworkAgreement" ADD CONSTRAINT "FrameworkAgreement_vat_range" CHECK ("vatRateBp" BETWEEN 0 AND 10000);
ALTER TABLE "UoType" ADD CONSTRAINT "UoType_days_positive" CHECK ("daysPerUnit" > 0);
ALTER TABLE "PriceScheduleItem" ADD CONSTRAINT "PriceScheduleItem_price_positive" CHECK ("unitPriceHtCents" > 0);
ALTER TABLE "ProductPhase" ADD CONSTRAINT "ProductPhase_dates" CHECK ("endsOn" IS NULL OR "endsOn" >= "startsOn");
ALTER TABLE "PriceScheduleVersion" ADD CONSTRAINT "PriceScheduleVersion_decision" CHECK (
  ("status" = 'PROPOSED' AND "decidedAt" IS NULL)
  OR ("status" = 'VALIDATED' AND "decidedAt" IS NOT NULL)
  OR ("status" = 'REJECTED' AND "decidedAt" IS NOT NULL AND "rejectionReason" IS NOT NULL)
);

-- The audit trail is append-only: no UPDATE, no DELETE, not even from the application.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: %', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
    USING ERRCODE = 'P0001';
END
$fn$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION refuse_change('audit events are append-only');
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit events are append-only');

-- A decided price-schedule version never changes; a proposal may only be decided once.
CREATE FUNCTION price_schedule_version_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'PROPOSED' THEN
      RAISE EXCEPTION 'a decided price-schedule version cannot be deleted' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" <> 'PROPOSED' THEN
    RAISE EXCEPTION 'a decided price-schedule version cannot be changed' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "PriceScheduleVersion_immutable_once_decided"
  BEFORE UPDATE OR DELETE ON "PriceScheduleVersion"
  FOR EACH ROW EXECUTE FUNCTION price_schedule_version_guard();

CREATE FUNCTION price_schedule_item_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_status "PriceScheduleStatus";
BEGIN
  SELECT "status" INTO v_status FROM "PriceScheduleVersion"
    WHERE "id" = COALESCE(NEW."versionId", OLD."versionId");
  IF v_status IS DISTINCT FROM 'PROPOSED' THEN
    RAISE EXCEPTION 'prices of a decided price-schedule version cannot change' USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "PriceScheduleItem_immutable_once_decided"
  BEFORE INSERT OR UPDATE OR DELETE ON "PriceScheduleItem"
  FOR EACH ROW EXECUTE FUNCTION price_schedule_item_guard();
