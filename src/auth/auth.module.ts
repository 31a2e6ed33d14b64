import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { KEYS, type Keys } from '../config/keys';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginRateLimiter } from './login-rate-limiter';
import { SessionCookies } from './session-cookies';

@Module({
  imports: [
    OrganisationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG, KEYS],
      useFactory: (config: AppConfig, keys: Keys) => ({
        // A key object, made once: given a string, the JWT library re-derives the key on every verification.
        secret: createSecretKey(Buffer.from(keys.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginAttemptsRepository, LoginRateLimiter, SessionCookies, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
