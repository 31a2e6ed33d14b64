import { Module } from '@nestjs/common';
import { ReportsRepository } from './reports.repository';

/**
 * The reports table's repository on its own: the plot workflow reads report
 * facts for its guards, and ReportsModule itself depends on PlotsModule.
 */
@Module({ providers: [ReportsRepository], exports: [ReportsRepository] })
export class ReportsRepositoryModule {}
