-- CreateEnum
CREATE TYPE "ProjectType" AS ENUM ('research', 'education');

-- CreateEnum
CREATE TYPE "ConsortiumMemberStatus" AS ENUM ('invited', 'accepted', 'declined', 'withdrawn');

-- CreateTable
CREATE TABLE "Programme" (
    "id" UUID NOT NULL,
    "ref" TEXT,
    "name" VARCHAR(300) NOT NULL,
    "projectType" "ProjectType" NOT NULL,
    "minIndependentCompanies" INTEGER NOT NULL DEFAULT 2,
    "coFundingRatio" DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    "instituteCapShare" DOUBLE PRECISION NOT NULL DEFAULT 0.25,
    "requireEligibleApplicant" BOOLEAN NOT NULL DEFAULT true,
    "deadline" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consortium" (
    "id" UUID NOT NULL,
    "ref" TEXT,
    "programmeId" UUID NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "summary" VARCHAR(10000) NOT NULL,
    "keywords" TEXT[],
    "subjects" TEXT[],
    "requestedFunding" BIGINT NOT NULL,
    "leadOrganizationId" UUID,
    "coordinatorId" UUID NOT NULL,
    "thresholdMet" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Consortium_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsortiumMember" (
    "consortiumId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "contactId" UUID,
    "status" "ConsortiumMemberStatus" NOT NULL DEFAULT 'invited',
    "reason" VARCHAR(2000),
    "pledgeCash" BIGINT NOT NULL DEFAULT 0,
    "pledgeInKind" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsortiumMember_pkey" PRIMARY KEY ("consortiumId","organizationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Programme_ref_key" ON "Programme"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Consortium_ref_key" ON "Consortium"("ref");

-- CreateIndex
CREATE INDEX "Consortium_coordinatorId_idx" ON "Consortium"("coordinatorId");

-- CreateIndex
CREATE INDEX "ConsortiumMember_organizationId_idx" ON "ConsortiumMember"("organizationId");

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_leadOrganizationId_fkey" FOREIGN KEY ("leadOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
