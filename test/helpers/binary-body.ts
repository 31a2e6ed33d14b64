import type { Response } from 'superagent';

/** A supertest parser that reads a binary answer whole (supertest buffers text only): `.buffer(true).parse(binaryBody)`. */
export const binaryBody = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
