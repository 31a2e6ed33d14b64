import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Whether the database answers, for GET /health. */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The server's version; throws when the database does not answer. */
  async ping(): Promise<{ serverVersion: string | undefined }> {
    const rows = await this.ds.query('SELECT current_setting($1) AS v', ['server_version']);
    return { serverVersion: rows[0]?.v };
  }
}
