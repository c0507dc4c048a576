import { Global, Module } from '@nestjs/common';
import { LinksRepository } from './links.repository.js';

@Global()
@Module({ providers: [LinksRepository], exports: [LinksRepository] })
export class LinksModule {}
