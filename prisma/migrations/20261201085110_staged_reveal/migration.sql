-- CreateEnum
CREATE TYPE "RevealStatus" AS ENUM ('pending', 'accepted', 'declined');

-- AlterTable
ALTER TABLE "Posting" ADD COLUMN     "confidential" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "teaser" VARCHAR(300);

-- CreateTable
CREATE TABLE "RevealRequest" (
    "id" UUID NOT NULL,
    "postingId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "note" VARCHAR(1000) NOT NULL,
    "status" "RevealStatus" NOT NULL DEFAULT 'pending',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevealRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RevealRequest_requesterId_idx" ON "RevealRequest"("requesterId");

-- CreateIndex
CREATE UNIQUE INDEX "RevealRequest_postingId_requesterId_key" ON "RevealRequest"("postingId", "requesterId");

-- AddForeignKey
ALTER TABLE "RevealRequest" ADD CONSTRAINT "RevealRequest_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevealRequest" ADD CONSTRAINT "RevealRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevealRequest" ADD CONSTRAINT "RevealRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
