-- AlterTable
ALTER TABLE "User" ADD COLUMN     "guideDismissedAt" TIMESTAMPTZ(3),
ADD COLUMN     "matchesSeenAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "ConsortiumMember" ADD COLUMN     "expectedContribution" VARCHAR(2000);
