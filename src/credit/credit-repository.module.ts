import { Module } from '@nestjs/common';
import { CreditTallyRepository } from './credit-tally.repository';
import { CreditRepository } from './credit.repository';

/** credit_findings' and the stored figures' repositories on their own: the plot workflow reads a firm's ban and keeps its figures. */
@Module({ providers: [CreditRepository, CreditTallyRepository], exports: [CreditRepository, CreditTallyRepository] })
export class CreditRepositoryModule {}
