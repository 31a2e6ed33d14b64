import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConsoleAssets } from './console-assets';
import { ConsoleMiddleware } from './console.middleware';

/** The web console: static files under web/, served at /app. */
@Module({
  providers: [
    {
      provide: ConsoleAssets,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ConsoleAssets(undefined, config.nodeEnv === 'development'),
    },
    ConsoleMiddleware,
  ],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    // '{*path}' also matches '/', which '*path' does not.
    consumer.apply(ConsoleMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
