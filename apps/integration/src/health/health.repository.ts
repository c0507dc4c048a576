import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type DatabaseHealth, DatabaseHealthCheck } from '../platform/runtime/database-health.js';
import { PRISMA } from '../platform/tokens.js';

/** The database side of the readiness probe (OPS-2): does the database answer, with every migration applied? */
@Injectable()
export class HealthRepository {
  private readonly databaseCheck: DatabaseHealthCheck;

  constructor(@Inject(PRISMA) db: PrismaClient) {
    this.databaseCheck = new DatabaseHealthCheck(db);
  }

  database(): Promise<DatabaseHealth> {
    return this.databaseCheck.check();
  }
}
