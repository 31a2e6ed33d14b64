import { Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health';
import { Transactions } from './transactions';

/** The database layer a feature may use beside its repositories: transactions across them, and the health probe. */
@Module({ providers: [Transactions, DatabaseHealth], exports: [Transactions, DatabaseHealth] })
export class DatabaseModule {}
