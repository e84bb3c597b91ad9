-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "bodyKey" VARCHAR(100),
ADD COLUMN     "params" JSONB,
ADD COLUMN     "titleKey" VARCHAR(100);
