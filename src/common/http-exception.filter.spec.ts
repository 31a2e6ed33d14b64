import type { ArgumentsHost } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { HttpExceptionFilter } from './http-exception.filter';
import { PinoLogger } from 'nestjs-pino';

function answer(exception: unknown) {
  const res = { statusCode: 0, body: undefined as any, headersSent: false, headers: {} as Record<string, string> };
  const out = {
    ...res,
    status(code: number) { res.statusCode = code; return out; },
    json(b: unknown) { res.body = b; return out; },
    setHeader(k: string, v: string) { res.headers[k] = v; },
  };
  const host = { switchToHttp: () => ({ getResponse: () => out }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter(new PinoLogger({ pinoHttp: { level: 'silent' } })).catch(exception, host);
  return res;
}

function driverError(code: string, message: string) {
  const e = new DatabaseError(message, 0, 'error');
  e.code = code;
  return e;
}

describe('database errors caused by the request', () => {
  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
  ])('hardening #3: PostgreSQL %s (text it cannot store) is a 400 naming the request, never a 500 (docs/architecture.md, Errors)', (code, message) => {
    for (const e of [new QueryFailedError('INSERT …', [], driverError(code, message)), driverError(code, message)]) {
      const res = answer(e);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE', errors: [{ field: 'request', message: expect.any(String) }] });
      expect(res.body.message).toMatch(/无法保存的字符/);
    }
  });

  it('a malformed value the database refuses (22P02) is a 400 that names where, as every 400 does (the fuzz oracle)', () => {
    const res = answer(new QueryFailedError('SELECT …', [], driverError('22P02', 'invalid input syntax for type uuid')));
    expect(res.statusCode).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'request', message: '字段取值无效' }]);
  });

  it('a unique violation sent through the driver itself is a 409 naming its constraint', () => {
    const e = driverError('23505', 'duplicate key');
    e.constraint = 'plots_code_unique';
    expect(answer(e).body).toMatchObject({ statusCode: 409, code: 'DUPLICATE', message: '地块编码已存在', constraint: 'plots_code_unique' });
  });

  it('any other database error stays a 500', () => {
    expect(answer(driverError('XX000', 'internal')).statusCode).toBe(500);
  });
});
