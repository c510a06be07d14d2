-- CreateIndex
CREATE INDEX "Run_forkedFromId_idx" ON "Run"("forkedFromId");

