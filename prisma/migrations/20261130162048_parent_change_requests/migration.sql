-- CreateEnum
CREATE TYPE "ParentChangeStatus" AS ENUM ('pending', 'approved', 'refused', 'withdrawn');

-- CreateTable
CREATE TABLE "ParentChangeRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "parentId" UUID,
    "fromParentId" UUID,
    "pendingOrganizationId" UUID,
    "status" "ParentChangeStatus" NOT NULL DEFAULT 'pending',
    "requestedById" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParentChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ParentChangeRequest_pendingOrganizationId_key" ON "ParentChangeRequest"("pendingOrganizationId");

-- CreateIndex
CREATE INDEX "ParentChangeRequest_organizationId_idx" ON "ParentChangeRequest"("organizationId");

-- CreateIndex
CREATE INDEX "ParentChangeRequest_parentId_status_idx" ON "ParentChangeRequest"("parentId", "status");

-- CreateIndex
CREATE INDEX "ParentChangeRequest_fromParentId_status_idx" ON "ParentChangeRequest"("fromParentId", "status");

-- CreateIndex
CREATE INDEX "ParentChangeRequest_status_createdAt_idx" ON "ParentChangeRequest"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "ParentChangeRequest" ADD CONSTRAINT "ParentChangeRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParentChangeRequest" ADD CONSTRAINT "ParentChangeRequest_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParentChangeRequest" ADD CONSTRAINT "ParentChangeRequest_fromParentId_fkey" FOREIGN KEY ("fromParentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParentChangeRequest" ADD CONSTRAINT "ParentChangeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParentChangeRequest" ADD CONSTRAINT "ParentChangeRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
