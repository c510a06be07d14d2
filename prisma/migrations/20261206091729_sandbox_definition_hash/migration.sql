-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "definitionHash" TEXT;

