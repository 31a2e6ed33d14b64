import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DecisionConfig } from './decision-config';

/** Which body decides each step (reference/decision-steps.json, or the deployment's DECISION_STEPS_FILE). */
@Module({
  providers: [{ provide: DecisionConfig, inject: [APP_CONFIG], useFactory: (config: AppConfig) => DecisionConfig.load(config.decisionStepsFile) }],
  exports: [DecisionConfig],
})
export class DecisionsModule {}
