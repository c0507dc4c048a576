import { Module } from '@nestjs/common';
import { CostCodesController } from './cost-codes.controller.js';
import { CostCodesRepository } from './cost-codes.repository.js';

@Module({
  controllers: [CostCodesController],
  providers: [CostCodesRepository],
  exports: [CostCodesRepository],
})
export class CostCodesModule {}
