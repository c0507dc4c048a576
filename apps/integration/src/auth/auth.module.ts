import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '../users/users.repository.js';
import { AuthGuard } from './auth.guard.js';
import { PermissionGuard } from './permission.guard.js';

@Global()
@Module({
  providers: [
    UsersRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
  exports: [UsersRepository],
})
export class AuthModule {}
