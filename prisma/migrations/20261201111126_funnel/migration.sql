-- CreateEnum
CREATE TYPE "FunnelStage" AS ENUM ('suggestion_shown', 'contact', 'invitation', 'accepted', 'eligible', 'ready', 'submitted', 'granted');

-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "eligibleSeen" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FunnelEvent" (
    "id" BIGSERIAL NOT NULL,
    "stage" "FunnelStage" NOT NULL,
    "programmeId" UUID,
    "consortiumId" UUID,
    "count" INTEGER NOT NULL DEFAULT 1,
    "key" VARCHAR(200),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FunnelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FunnelEvent_key_key" ON "FunnelEvent"("key");

-- CreateIndex
CREATE INDEX "FunnelEvent_at_idx" ON "FunnelEvent"("at");

-- AddForeignKey
ALTER TABLE "FunnelEvent" ADD CONSTRAINT "FunnelEvent_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunnelEvent" ADD CONSTRAINT "FunnelEvent_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Consortia already eligible before the funnel existed are not counted as becoming eligible
-- at their next evaluation: meeting the rules needs the threshold, so that is the best guess.
UPDATE "Consortium" SET "eligibleSeen" = "thresholdMet";
