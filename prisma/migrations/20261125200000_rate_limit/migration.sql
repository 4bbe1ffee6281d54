-- Rate limiting (security issue 6): one counter per key and fixed time window, shared by every
-- server instance through the database. lib/security/rate-limit.ts increments it with a single
-- INSERT … ON CONFLICT DO UPDATE … RETURNING, so parallel hits never lose a count.
-- Keys never hold personal data in clear: the user id or a hash of the IP address.

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_expiresAt_idx" ON "RateLimitBucket"("expiresAt");

-- Invariants
ALTER TABLE "RateLimitBucket" ADD CONSTRAINT "RateLimitBucket_count_check" CHECK ("count" >= 0);
ALTER TABLE "RateLimitBucket" ADD CONSTRAINT "RateLimitBucket_expiresAt_check" CHECK ("expiresAt" > "windowStart");
