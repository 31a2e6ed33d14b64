import { Global, Module } from '@nestjs/common';
import { AppClock, CLOCK } from './clock';

@Global()
@Module({
  providers: [{ provide: CLOCK, useFactory: () => new AppClock() }],
  exports: [CLOCK],
})
export class ClockModule {}
