-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('university', 'institute', 'company', 'public', 'other');

-- CreateEnum
CREATE TYPE "PostingKind" AS ENUM ('competence', 'need');

-- CreateEnum
CREATE TYPE "PostingStatus" AS ENUM ('active', 'paused', 'archived');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('public', 'members');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "ref" TEXT,
    "name" TEXT NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "orgNumber" TEXT,
    "country" CHAR(2) NOT NULL DEFAULT 'SE',
    "region" TEXT,
    "website" TEXT,
    "employees" INTEGER,
    "eligibleApplicant" BOOLEAN NOT NULL DEFAULT false,
    "parentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Posting" (
    "id" UUID NOT NULL,
    "ref" TEXT,
    "kind" "PostingKind" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" VARCHAR(10000) NOT NULL,
    "keywords" TEXT[],
    "language" CHAR(2) NOT NULL,
    "status" "PostingStatus" NOT NULL DEFAULT 'active',
    "visibility" "Visibility" NOT NULL DEFAULT 'public',
    "organizationId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Posting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "queues" TEXT[],
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_ref_key" ON "Organization"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_orgNumber_key" ON "Organization"("orgNumber");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE INDEX "Organization_kind_idx" ON "Organization"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Posting_ref_key" ON "Posting"("ref");

-- CreateIndex
CREATE INDEX "Posting_organizationId_idx" ON "Posting"("organizationId");

-- CreateIndex
CREATE INDEX "Posting_status_visibility_updatedAt_idx" ON "Posting"("status", "visibility", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "WorkerHeartbeat_lastSeenAt_idx" ON "WorkerHeartbeat"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

