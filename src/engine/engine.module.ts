import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { AuditDigestController } from './audit-digest.controller';
import { AuditDigestRepository } from './audit-digest.repository';
import { AuditDigestService } from './audit-digest.service';
import { AuditFocusRepository } from './audit-focus.repository';
import { AuditHasher } from './audit-hash';
import { AuditSeal } from './audit-seal';
import { AuditVerifier } from './audit-verifier';
import { AuditRepository } from './audit.repository';
import { EngineController } from './engine.controller';
import { IdempotencyRepository } from './idempotency.repository';
import { OutboxRepository } from './outbox.repository';
import { TransitionService } from './transition.service';

@Module({
  imports: [DatabaseModule],
  controllers: [EngineController, AuditDigestController],
  providers: [
    TransitionService, AuditRepository, OutboxRepository, IdempotencyRepository,
    AuditHasher, AuditSeal, AuditVerifier, AuditDigestRepository, AuditDigestService, AuditFocusRepository,
  ],
  exports: [TransitionService, AuditRepository, OutboxRepository, IdempotencyRepository, AuditSeal, AuditDigestService],
})
export class EngineModule {}
