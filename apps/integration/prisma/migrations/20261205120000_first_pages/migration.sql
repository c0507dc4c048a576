-- DropIndex
DROP INDEX "ExportRequest_state_type_idx";

-- CreateIndex
CREATE INDEX "BudgetChangeLine_budgetChangeId_idx" ON "BudgetChangeLine"("budgetChangeId");

-- CreateIndex
CREATE INDEX "Commitment_companyId_idx" ON "Commitment"("companyId");

-- CreateIndex
CREATE INDEX "CommitmentChangeOrderLine_changeOrderId_idx" ON "CommitmentChangeOrderLine"("changeOrderId");

-- CreateIndex
CREATE INDEX "CommitmentLine_commitmentId_idx" ON "CommitmentLine"("commitmentId");

-- CreateIndex
CREATE INDEX "ExportRequest_state_type_id_idx" ON "ExportRequest"("state", "type", "id");

-- CreateIndex
CREATE INDEX "ExportRequest_state_id_idx" ON "ExportRequest"("state", "id");

-- CreateIndex
CREATE INDEX "ExportRequest_type_id_idx" ON "ExportRequest"("type", "id");

-- CreateIndex
CREATE INDEX "PrimeContractChangeOrderLine_changeOrderId_idx" ON "PrimeContractChangeOrderLine"("changeOrderId");

