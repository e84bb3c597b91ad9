-- CreateEnum
CREATE TYPE "LetterMethod" AS ENUM ('app', 'upload');

-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "readyAnnounced" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "LetterOfIntent" (
    "consortiumId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" VARCHAR(2000) NOT NULL DEFAULT '',
    "motive" VARCHAR(4000) NOT NULL DEFAULT '',
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmedById" UUID,
    "method" "LetterMethod",
    "confirmedCash" BIGINT,
    "confirmedInKind" BIGINT,
    "confirmedRole" VARCHAR(2000),
    "confirmedMotive" VARCHAR(4000),
    "documentKey" VARCHAR(300),
    "documentBytes" INTEGER,
    "documentSha256" CHAR(64),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LetterOfIntent_pkey" PRIMARY KEY ("consortiumId","organizationId")
);

-- CreateTable
CREATE TABLE "LetterEvent" (
    "id" BIGSERIAL NOT NULL,
    "consortiumId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "userId" UUID,
    "userName" VARCHAR(200) NOT NULL,
    "userEmail" VARCHAR(254) NOT NULL,
    "cash" BIGINT NOT NULL,
    "inKind" BIGINT NOT NULL,
    "documentSha256" CHAR(64),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LetterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LetterEvent_consortiumId_organizationId_at_idx" ON "LetterEvent"("consortiumId", "organizationId", "at");

-- AddForeignKey
ALTER TABLE "LetterOfIntent" ADD CONSTRAINT "LetterOfIntent_consortiumId_organizationId_fkey" FOREIGN KEY ("consortiumId", "organizationId") REFERENCES "ConsortiumMember"("consortiumId", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterOfIntent" ADD CONSTRAINT "LetterOfIntent_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterEvent" ADD CONSTRAINT "LetterEvent_consortiumId_organizationId_fkey" FOREIGN KEY ("consortiumId", "organizationId") REFERENCES "LetterOfIntent"("consortiumId", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterEvent" ADD CONSTRAINT "LetterEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
