import { Module } from '@nestjs/common';
import { SamplesController } from './samples.controller';

/** What a laboratory needs to prepare a sample file: its template (the files are read in src/evidence). */
@Module({ controllers: [SamplesController] })
export class SamplesModule {}
