import { Global, Module } from '@nestjs/common';
import { AppClock, CLOCK } from './clock';

/** Global with the configuration: every module that dates something reads the one clock. */
@Global()
@Module({
  providers: [{ provide: CLOCK, useFactory: () => new AppClock() }],
  exports: [CLOCK],
})
export class ClockModule {}
