-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "traceId" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
ADD COLUMN     "traceSpanId" TEXT NOT NULL DEFAULT substr(replace(gen_random_uuid()::text, '-', ''), 1, 16);

