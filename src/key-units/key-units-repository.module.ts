import { Module } from '@nestjs/common';
import { KeyUnitsRepository } from './key-units.repository';

/** The key_units table's repository on its own: the filing pipeline reads a unit for its D18, and KeyUnitsModule itself depends on the documents' neighbours. */
@Module({ providers: [KeyUnitsRepository], exports: [KeyUnitsRepository] })
export class KeyUnitsRepositoryModule {}
