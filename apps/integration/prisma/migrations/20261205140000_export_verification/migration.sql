-- AlterTable
ALTER TABLE "ExportRequest" ADD COLUMN     "verificationDiff" JSONB,
ADD COLUMN     "verificationState" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "state" TEXT NOT NULL,
    "runningGuard" INTEGER,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "verified" INTEGER NOT NULL DEFAULT 0,
    "drift" INTEGER NOT NULL DEFAULT 0,
    "unverifiable" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "VerificationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationRun_runningGuard_key" ON "VerificationRun"("runningGuard");

-- CreateIndex
CREATE INDEX "VerificationRun_startedAt_idx" ON "VerificationRun"("startedAt");
