import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ConsoleAssets } from './console-assets';
import { ConsoleMiddleware } from './console.middleware';
import { DirectoryController } from './directory.controller';

/** The web console (static files under web/, served at /app) and the small directory its forms pick from. */
@Module({
  imports: [OrganisationsModule],
  controllers: [DirectoryController],
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
