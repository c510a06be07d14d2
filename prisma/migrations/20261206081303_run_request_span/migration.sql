-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "requestSpanId" TEXT,
ADD COLUMN     "requestTraceId" TEXT;

