import { LoggerService } from '@nestjs/common';
import { requestContext } from './request-context';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** One JSON object per line on stdout, with the request id when there is one. */
export class JsonLogger implements LoggerService {
  constructor(private readonly level: LogLevel = 'info') {}

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, extra: Record<string, unknown> = {}) {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const ctx = requestContext.getStore();
    const line: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (ctx?.requestId) line.requestId = ctx.requestId;
    if (message instanceof Error) {
      line.msg = message.message;
      line.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
    } else {
      line.msg = String(message);
    }
    Object.assign(line, extra);
    process.stdout.write(JSON.stringify(line) + '\n');
  }

  log(message: unknown, context?: string) {
    this.write('info', message, context ? { context } : {});
  }
  info(message: unknown, extra?: Record<string, unknown>) {
    this.write('info', message, extra);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, { ...(trace ? { trace } : {}), ...(context ? { context } : {}) });
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context ? { context } : {});
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context ? { context } : {});
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context ? { context } : {});
  }
}
