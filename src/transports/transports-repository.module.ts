import { Module } from '@nestjs/common';
import { TransportsRepository } from './transports.repository';

/**
 * The transports table's repository on its own: the plot workflow counts a
 * plot's open transports, and TransportsModule itself depends on PlotsModule.
 */
@Module({ providers: [TransportsRepository], exports: [TransportsRepository] })
export class TransportsRepositoryModule {}
