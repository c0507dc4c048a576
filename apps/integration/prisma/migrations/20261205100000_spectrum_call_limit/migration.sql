-- AlterTable
ALTER TABLE "IntegrationSettings" ADD COLUMN     "spectrumCallsPerSecond" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "spectrumMaxConcurrentCalls" INTEGER NOT NULL DEFAULT 4;

-- CreateTable
CREATE TABLE "SpectrumCallPermit" (
    "server" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMPTZ(3),
    "freeAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpectrumCallPermit_pkey" PRIMARY KEY ("server","kind","slot")
);
