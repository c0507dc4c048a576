-- CreateIndex
CREATE INDEX "ExportRequest_state_updatedAt_idx" ON "ExportRequest"("state", "updatedAt");
