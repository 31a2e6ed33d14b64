import { Module } from '@nestjs/common';
import { CreditRepository } from './credit.repository';

/** credit_findings' repository on its own: the plot workflow and the report uploads read a firm's ban from it. */
@Module({ providers: [CreditRepository], exports: [CreditRepository] })
export class CreditRepositoryModule {}
