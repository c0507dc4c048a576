-- CreateTable
CREATE TABLE "SpectrumCallDemand" (
    "server" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "waiting" INTEGER NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpectrumCallDemand_pkey" PRIMARY KEY ("server","holder")
);
