import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { EngineController } from './engine.controller';
import { IdempotencyRepository } from './idempotency.repository';
import { OutboxRepository } from './outbox.repository';
import { TransitionService } from './transition.service';

@Global()
@Module({
  controllers: [EngineController],
  providers: [TransitionService, AuditRepository, OutboxRepository, IdempotencyRepository],
  exports: [TransitionService, AuditRepository, OutboxRepository, IdempotencyRepository],
})
export class EngineModule {}
