import { Injectable, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Logger as PinoNestLogger, LoggerModule } from 'nestjs-pino';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { pinoHttp } from 'pino-http';
import type PinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config';
import { requestIdOf } from './request-context';

/** Never written to a log: credentials in headers, and passwords, tokens and keys in bodies or objects logged. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  '*.jwtSecret',
  '*.auditKey',
];

/** JSON lines for machines (production, or output not a terminal); one readable line per entry for a person. */
export function isHumanReadable(config: Pick<AppConfig, 'nodeEnv' | 'logFormat'>, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (config.logFormat !== 'auto') return config.logFormat === 'pretty';
  return config.nodeEnv !== 'production' && Boolean(stream.isTTY);
}

/** The process's one pino logger; Nest's logger, the request logger and every service's PinoLogger write through it. */
export function createRootLogger(config: Pick<AppConfig, 'nodeEnv' | 'logFormat' | 'logLevel'>): Logger {
  const options: LoggerOptions = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (isHumanReadable(config)) {
    // Loaded only for a person at a terminal: a log collector's JSON start does without it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof PinoPretty;
    return pino(options, pretty({ sync: true, colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,reqId,responseTime,context' }));
  }
  return pino({ ...options, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });
}

/** Nest's own start-up chatter (every module and route mapped): debug, so that a start shows the URL, not 100 lines. */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

@Injectable()
export class AppLogger extends PinoNestLogger {
  log(message: unknown, ...optionalParams: unknown[]) {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) return super.debug(message, ...optionalParams);
    return super.log(message, ...optionalParams);
  }
}

type LoggedRequest = IncomingMessage & { principal?: { userId: string }; originalUrl?: string };

/**
 * One line per request with its id (reqId), status, time and user. Mounted by bootstrap before the body parser, as
 * the first middleware, so that a refused body is logged and answered with its X-Request-Id too.
 */
export function requestLogger(root: Logger) {
  return pinoHttp({
    logger: root,
    genReqId: (req, res) => requestIdOf(req, res),
    // Every line of a request carries `reqId`; only its closing line carries the request and the response.
    quietReqLogger: true,
    serializers: {
      req: (req: { method: string; url: string; headers: unknown; remoteAddress?: string }) => ({ method: req.method, url: req.url, headers: req.headers, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => ({ userId: (req as LoggedRequest).principal?.userId }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${(req as LoggedRequest).originalUrl ?? req.url} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req as LoggedRequest).originalUrl ?? req.url} ${res.statusCode}`,
  });
}

/**
 * nestjs-pino over the root logger: PinoLogger and AppLogger for the services and Nest; `useExisting` because the
 * request logger above already runs, nestjs-pino only binds its per-request child (with reqId) for the handlers.
 * Outside a request nestjs-pino writes through the first root logger of the process: one app per process in
 * production; the tests' several apps in one process are all silent.
 */
export function loggingModule(root: Logger): DynamicModule {
  const module = LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true });
  return { ...module, providers: [...(module.providers ?? []), AppLogger], exports: [...(module.exports ?? []), AppLogger] };
}
