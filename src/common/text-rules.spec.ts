import { findNulString, refuseNulStrings } from './text-rules';

describe('NUL characters in request text', () => {
  it('hardening #3: names the path of a key or string value holding U+0000, at any depth (docs/architecture.md, Errors: every field named)', () => {
    expect(findNulString({ reason: 'a\u0000b' })).toBe('reason');
    expect(findNulString({ noticeBoard: { project: '\u0000' } })).toBe('noticeBoard.project');
    expect(findNulString({ negativeList: ['住宅', '教\u0000育'] })).toBe('negativeList.1');
    expect(findNulString({ a: [{ ok: 1 }, { 'k\u0000': 1 }] })).toBe('a.1.k\u0000');
    expect(findNulString({ summary: 'x\u0000' }, 'conclusion')).toBe('conclusion.summary');
    expect(findNulString('abc\u0000', 'q')).toBe('q');
  });

  it('hardening #3: walks bodies nested far deeper than the JSON depth limit without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulString({ a: deep })).toMatch(/^a(\.0){100000}$/);
  });

  it('lets text without NUL through, other control characters and lookalikes included', () => {
    expect(findNulString({ name: '机构\t\r\n\u0001\u007f%00\\u0000', n: 0, b: false, z: null, list: [] })).toBeUndefined();
    expect(findNulString(undefined)).toBeUndefined();
    expect(findNulString(42, 'limit')).toBeUndefined();
  });

  it('does not look inside buffers or class instances (uploaded files, the principal)', () => {
    expect(findNulString({ file: Buffer.from([0, 0, 0]) })).toBeUndefined();
    class Box { s = '\u0000'; }
    expect(findNulString(new Box())).toBeUndefined();
  });

  it('hardening #3: refuses with a 400 naming the field, in Chinese (docs/architecture.md, Errors)', () => {
    expect(() => refuseNulStrings({ username: 'eeb\u0000' })).toThrow(
      expect.objectContaining({ status: 400, errors: [{ field: 'username', message: '不能包含空字符' }] }),
    );
    expect(() => refuseNulStrings({ username: 'eeb' })).not.toThrow();
  });
});
