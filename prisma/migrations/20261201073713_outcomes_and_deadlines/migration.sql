-- CreateEnum
CREATE TYPE "InvitationDeclineReason" AS ENUM ('too_early', 'outside_focus', 'no_capacity', 'budget', 'other');

-- CreateEnum
CREATE TYPE "ConsortiumOutcome" AS ENUM ('submitted', 'granted', 'not_granted');

-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "decidedOn" DATE,
ADD COLUMN     "outcome" "ConsortiumOutcome",
ADD COLUMN     "outcomeById" UUID,
ADD COLUMN     "submittedOn" DATE;

-- AlterTable
ALTER TABLE "ConsortiumMember" ADD COLUMN     "declineReason" "InvitationDeclineReason";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "consortiumId" UUID;

-- CreateTable
CREATE TABLE "DeadlineReminder" (
    "consortiumId" UUID NOT NULL,
    "days" SMALLINT NOT NULL,
    "deadline" DATE NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineReminder_pkey" PRIMARY KEY ("consortiumId","days","deadline")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_consortiumId_key" ON "Project"("consortiumId");

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_outcomeById_fkey" FOREIGN KEY ("outcomeById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineReminder" ADD CONSTRAINT "DeadlineReminder_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE SET NULL ON UPDATE CASCADE;
