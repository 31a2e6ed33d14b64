import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The database's side of GET /health/ready that terminus has no indicator for. */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The version pg-boss recorded in its schema `pgboss` of the same database (deadlines/deadline-jobs.ts), or
   * undefined while pg-boss has not created it; throws when the database does not answer.
   */
  async jobQueueSchemaVersion(): Promise<number | undefined> {
    const rows: { version: number }[] = await this.ds.query('SELECT version FROM pgboss.version');
    return rows[0]?.version;
  }
}
