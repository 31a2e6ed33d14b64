import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * The unit of work of a use case whose steps span several repositories: the
 * service opens it, each repository runs its SQL on the EntityManager it is handed.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.ds.transaction(isolation, work) : this.ds.transaction(work);
  }

  /** The manager of no transaction, for a read outside one through code that also runs inside one (a row's view). */
  get outside(): EntityManager {
    return this.ds.manager;
  }
}
