-- CreateTable
CREATE TABLE "SuspensionLift" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "suspendedAt" TIMESTAMPTZ(3) NOT NULL,
    "liftedById" UUID,
    "liftedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuspensionLift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SuspensionLift_userId_liftedAt_idx" ON "SuspensionLift"("userId", "liftedAt");

-- AddForeignKey
ALTER TABLE "SuspensionLift" ADD CONSTRAINT "SuspensionLift_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuspensionLift" ADD CONSTRAINT "SuspensionLift_liftedById_fkey" FOREIGN KEY ("liftedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
