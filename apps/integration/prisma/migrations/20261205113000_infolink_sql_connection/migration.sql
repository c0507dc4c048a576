-- AlterTable
ALTER TABLE "IntegrationSettings" ADD COLUMN     "caBundle" TEXT,
ADD COLUMN     "infoLinkDatabase" TEXT,
ADD COLUMN     "infoLinkHost" TEXT,
ADD COLUMN     "infoLinkLogin" TEXT,
ADD COLUMN     "infoLinkMode" TEXT NOT NULL DEFAULT 'http',
ADD COLUMN     "infoLinkPasswordEnc" TEXT,
ADD COLUMN     "infoLinkPort" INTEGER;
