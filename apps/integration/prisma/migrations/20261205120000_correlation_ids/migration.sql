-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "correlationId" TEXT;

-- AlterTable
ALTER TABLE "ExportRequest" ADD COLUMN     "correlationId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_correlationId_idx" ON "AuditEvent"("correlationId");
