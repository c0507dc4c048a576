import { Global, Module } from '@nestjs/common';
import { SnapshotRepository } from './snapshot.repository.js';
import { SnapshotImporter } from './snapshot-importer.js';

@Global()
@Module({
  providers: [SnapshotRepository, SnapshotImporter],
  exports: [SnapshotRepository, SnapshotImporter],
})
export class SnapshotsModule {}
