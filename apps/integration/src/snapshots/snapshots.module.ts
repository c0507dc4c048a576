import { Global, Module } from '@nestjs/common';
import { SnapshotRepository } from './snapshot.repository.js';
import { SnapshotImporter } from './snapshot-importer.js';
import { SpectrumPreflightFactsService } from './spectrum-preflight-facts.service.js';

@Global()
@Module({
  providers: [SnapshotRepository, SnapshotImporter, SpectrumPreflightFactsService],
  exports: [SnapshotRepository, SnapshotImporter, SpectrumPreflightFactsService],
})
export class SnapshotsModule {}
