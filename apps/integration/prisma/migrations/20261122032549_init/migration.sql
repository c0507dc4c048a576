-- CreateEnum
CREATE TYPE "PermissionLevel" AS ENUM ('none', 'read_only', 'standard', 'admin');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('ready_to_import', 'ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'unlinked');

-- CreateEnum
CREATE TYPE "SyncGroup" AS ENUM ('cost_codes', 'vendors', 'jobs');

-- CreateEnum
CREATE TYPE "SyncFrequency" AS ENUM ('never', 'daily', 'every_4_hours', 'every_2_hours', 'hourly');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "ExportRequestState" AS ENUM ('ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'retrieved');

-- CreateTable
CREATE TABLE "PermissionTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "PermissionLevel" NOT NULL,

    CONSTRAINT "PermissionTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "level" "PermissionLevel" NOT NULL DEFAULT 'none',
    "canPushToAccounting" BOOLEAN NOT NULL DEFAULT false,
    "isDirectoryAdmin" BOOLEAN NOT NULL DEFAULT false,
    "primeContractsLevel" "PermissionLevel" NOT NULL DEFAULT 'none',
    "permissionTemplateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "serviceUrl" TEXT,
    "companyCode" TEXT,
    "serviceUser" TEXT,
    "authMode" TEXT NOT NULL DEFAULT 'none',
    "servicePasswordEnc" TEXT,
    "clientSecretEnc" TEXT,
    "connectionStatus" TEXT NOT NULL DEFAULT 'not_connected',
    "connectionCheckedAt" TIMESTAMP(3),
    "connectionError" TEXT,
    "connectedAt" TIMESTAMP(3),
    "usePmContractNumber" BOOLEAN NOT NULL DEFAULT true,
    "usePmChangeOrderNumber" BOOLEAN NOT NULL DEFAULT true,
    "autoAddCostCodes" BOOLEAN NOT NULL DEFAULT false,
    "budgetDirectCosts" TEXT NOT NULL DEFAULT 'populate_from_erp',
    "vendorUpdates" TEXT NOT NULL DEFAULT 'auto_update',
    "vendorTypeFilter" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "templateJob" JSONB,
    "standardCostCodeListId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncSchedule" (
    "group" "SyncGroup" NOT NULL,
    "frequency" "SyncFrequency" NOT NULL DEFAULT 'daily',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncSchedule_pkey" PRIMARY KEY ("group")
);

-- CreateTable
CREATE TABLE "SyncGroupLock" (
    "group" "SyncGroup" NOT NULL,
    "runId" TEXT,
    "holder" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "SyncGroupLock_pkey" PRIMARY KEY ("group")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "group" "SyncGroup" NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "holder" TEXT,
    "read" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "vanished" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedBy" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRunFailure" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "itemType" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRunFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpectrumRecord" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parentKey" TEXT,
    "hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "vanishedAt" TIMESTAMP(3),

    CONSTRAINT "SpectrumRecord_pkey" PRIMARY KEY ("kind","key")
);

-- CreateTable
CREATE TABLE "SyncLink" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "pmId" TEXT,
    "spectrumKey" TEXT,
    "state" "SyncState" NOT NULL,
    "lastSyncedHash" TEXT,
    "lastSyncedValues" JSONB,
    "lastError" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address1" TEXT,
    "address2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT,
    "phone" TEXT,
    "fax" TEXT,
    "email" TEXT,
    "contactName" TEXT,
    "vendorType" TEXT,
    "isCustomer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostCodeList" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spectrumTag" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostCodeList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostCode" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "CostCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostType" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "CostType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "number" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "address1" TEXT,
    "address2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT,
    "phone" TEXT,
    "costCodeListId" TEXT,
    "isSubJob" BOOLEAN NOT NULL DEFAULT false,
    "budgetToolEnabled" BOOLEAN NOT NULL DEFAULT true,
    "primeContractsToolEnabled" BOOLEAN NOT NULL DEFAULT true,
    "forecastExportEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectCostCode" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "ProjectCostCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectCostType" (
    "id" TEXT NOT NULL,
    "projectCostCodeId" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "syncedWithSpectrum" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ProjectCostType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "everExported" BOOLEAN NOT NULL DEFAULT false,
    "exportInFlight" BOOLEAN NOT NULL DEFAULT false,
    "importedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "costCode" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL DEFAULT 0,
    "directCostsCents" BIGINT,
    "estimatedCostAtCompletionCents" BIGINT,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetChange" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "date" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetChangeLine" (
    "id" TEXT NOT NULL,
    "budgetChangeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "costCode" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL,

    CONSTRAINT "BudgetChangeLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "contractDate" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentLine" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "costCode" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL,
    "taxCode" TEXT,

    CONSTRAINT "CommitmentLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentChangeOrder" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "date" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommitmentChangeOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentChangeOrderLine" (
    "id" TEXT NOT NULL,
    "changeOrderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "costCode" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL,

    CONSTRAINT "CommitmentChangeOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrimeContract" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "jobNumber" TEXT NOT NULL,
    "customerCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'approved',
    "unitPrice" BOOLEAN NOT NULL DEFAULT false,
    "originalContractCents" BIGINT NOT NULL DEFAULT 0,
    "lastImportedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrimeContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrimeContractLine" (
    "id" TEXT NOT NULL,
    "primeContractId" TEXT NOT NULL,
    "billingItem" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL,

    CONSTRAINT "PrimeContractLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrimeContractChangeOrder" (
    "id" TEXT NOT NULL,
    "primeContractId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "unitPrice" BOOLEAN NOT NULL DEFAULT false,
    "approvedDate" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrimeContractChangeOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrimeContractChangeOrderLine" (
    "id" TEXT NOT NULL,
    "changeOrderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "billingItemCode" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" BIGINT NOT NULL,
    "costCode" TEXT,
    "costType" TEXT,
    "costAmountCents" BIGINT,

    CONSTRAINT "PrimeContractChangeOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportRequest" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "state" "ExportRequestState" NOT NULL DEFAULT 'ready_to_export',
    "payload" JSONB NOT NULL,
    "sentById" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,
    "rejectReason" TEXT,
    "spectrumKey" TEXT,
    "keyFields" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorKind" TEXT,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportStep" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "input" JSONB,
    "result" JSONB,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ExportStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "itemType" TEXT,
    "itemId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "note" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailySummary" (
    "day" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DailySummary_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE UNIQUE INDEX "PermissionTemplate_name_key" ON "PermissionTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "SyncRun_group_startedAt_idx" ON "SyncRun"("group", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRunFailure_runId_idx" ON "SyncRunFailure"("runId");

-- CreateIndex
CREATE INDEX "SpectrumRecord_kind_parentKey_idx" ON "SpectrumRecord"("kind", "parentKey");

-- CreateIndex
CREATE INDEX "SyncLink_type_state_idx" ON "SyncLink"("type", "state");

-- CreateIndex
CREATE UNIQUE INDEX "SyncLink_type_pmId_key" ON "SyncLink"("type", "pmId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncLink_type_spectrumKey_key" ON "SyncLink"("type", "spectrumKey");

-- CreateIndex
CREATE UNIQUE INDEX "CostCodeList_name_key" ON "CostCodeList"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CostCodeList_spectrumTag_key" ON "CostCodeList"("spectrumTag");

-- CreateIndex
CREATE UNIQUE INDEX "CostCode_listId_code_key" ON "CostCode"("listId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CostType_code_key" ON "CostType"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectCostCode_projectId_code_key" ON "ProjectCostCode"("projectId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectCostType_projectCostCodeId_costType_key" ON "ProjectCostType"("projectCostCodeId", "costType");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_projectId_key" ON "Budget"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetLine_budgetId_costCode_costType_key" ON "BudgetLine"("budgetId", "costCode", "costType");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetChange_projectId_number_key" ON "BudgetChange"("projectId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_projectId_number_key" ON "Commitment"("projectId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CommitmentChangeOrder_commitmentId_number_key" ON "CommitmentChangeOrder"("commitmentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PrimeContract_jobNumber_customerCode_key" ON "PrimeContract"("jobNumber", "customerCode");

-- CreateIndex
CREATE UNIQUE INDEX "PrimeContractLine_primeContractId_billingItem_key" ON "PrimeContractLine"("primeContractId", "billingItem");

-- CreateIndex
CREATE UNIQUE INDEX "PrimeContractChangeOrder_primeContractId_number_key" ON "PrimeContractChangeOrder"("primeContractId", "number");

-- CreateIndex
CREATE INDEX "ExportRequest_state_type_idx" ON "ExportRequest"("state", "type");

-- CreateIndex
CREATE INDEX "ExportRequest_type_itemId_idx" ON "ExportRequest"("type", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ExportStep_requestId_seq_key" ON "ExportStep"("requestId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_itemType_itemId_idx" ON "AuditEvent"("itemType", "itemId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_permissionTemplateId_fkey" FOREIGN KEY ("permissionTemplateId") REFERENCES "PermissionTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRunFailure" ADD CONSTRAINT "SyncRunFailure_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostCode" ADD CONSTRAINT "CostCode_listId_fkey" FOREIGN KEY ("listId") REFERENCES "CostCodeList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_costCodeListId_fkey" FOREIGN KEY ("costCodeListId") REFERENCES "CostCodeList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCostCode" ADD CONSTRAINT "ProjectCostCode_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCostType" ADD CONSTRAINT "ProjectCostType_projectCostCodeId_fkey" FOREIGN KEY ("projectCostCodeId") REFERENCES "ProjectCostCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetChange" ADD CONSTRAINT "BudgetChange_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetChangeLine" ADD CONSTRAINT "BudgetChangeLine_budgetChangeId_fkey" FOREIGN KEY ("budgetChangeId") REFERENCES "BudgetChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentLine" ADD CONSTRAINT "CommitmentLine_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentChangeOrder" ADD CONSTRAINT "CommitmentChangeOrder_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentChangeOrderLine" ADD CONSTRAINT "CommitmentChangeOrderLine_changeOrderId_fkey" FOREIGN KEY ("changeOrderId") REFERENCES "CommitmentChangeOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrimeContract" ADD CONSTRAINT "PrimeContract_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrimeContractLine" ADD CONSTRAINT "PrimeContractLine_primeContractId_fkey" FOREIGN KEY ("primeContractId") REFERENCES "PrimeContract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrimeContractChangeOrder" ADD CONSTRAINT "PrimeContractChangeOrder_primeContractId_fkey" FOREIGN KEY ("primeContractId") REFERENCES "PrimeContract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrimeContractChangeOrderLine" ADD CONSTRAINT "PrimeContractChangeOrderLine_changeOrderId_fkey" FOREIGN KEY ("changeOrderId") REFERENCES "PrimeContractChangeOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportStep" ADD CONSTRAINT "ExportStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ExportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
