-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "processedAt" TIMESTAMPTZ(3);
