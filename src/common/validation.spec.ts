import { createValidationPipe, findPrototypeKey, flattenValidationErrors } from './validation';

describe('prototype keys in request bodies', () => {
  it('names the path of the first __proto__, constructor or prototype key, at any depth', () => {
    expect(findPrototypeKey(JSON.parse('{"a":1,"__proto__":{"x":1}}'))).toBe('__proto__');
    expect(findPrototypeKey({ noticeBoard: { constructor: 'x' } })).toBe('noticeBoard.constructor');
    expect(findPrototypeKey({ list: [{ ok: 1 }, { prototype: {} }] })).toBe('list.1.prototype');
  });

  it('lets ordinary bodies and values that merely say those words through', () => {
    expect(findPrototypeKey({ type: 'constructor', opinion: '__proto__', list: ['prototype'] })).toBeUndefined();
    expect(findPrototypeKey('constructor')).toBeUndefined();
    expect(findPrototypeKey(null)).toBeUndefined();
  });
});

describe('hardening #1: the prototype-key check walks parsed JSON only', () => {
  // A Buffer behind a proxy that records every enumeration of its keys (one string per byte).
  function watchedBuffer(bytes: number) {
    let enumerations = 0;
    const buffer = new Proxy(Buffer.alloc(bytes), {
      ownKeys(target) {
        enumerations++;
        return Reflect.ownKeys(target);
      },
    });
    return { buffer, enumerations: () => enumerations };
  }

  it('hardening #1: never enumerates the bytes of an uploaded file Buffer (the server froze on a 20 MB upload)', () => {
    const w = watchedBuffer(1024);
    expect(findPrototypeKey({ file: [{ fieldname: 'file', buffer: w.buffer }] })).toBeUndefined();
    expect(findPrototypeKey(w.buffer)).toBeUndefined();
    expect(w.enumerations()).toBe(0);
  });

  it('hardening #1: the global pipe does not walk custom parameters such as @UploadedFiles()', async () => {
    const w = watchedBuffer(1024);
    const files = { file: [{ fieldname: 'file', buffer: w.buffer }] };
    await expect(createValidationPipe().transform(files, { type: 'custom' })).resolves.toBe(files);
    expect(w.enumerations()).toBe(0);
  });

  it('hardening #1: a class instance is not walked, while parsed JSON in the body still is', async () => {
    class Upload {
      constructor(public readonly constructorName = 'x') {}
    }
    const instance = Object.assign(new Upload(), { prototype: 1 });
    expect(findPrototypeKey({ upload: instance })).toBeUndefined();
    await expect(createValidationPipe().transform(JSON.parse('{"a":{"constructor":1}}'), { type: 'body' })).rejects.toMatchObject({
      errors: [{ field: 'a.constructor' }],
    });
  });
});

describe('hardening #4: validation errors at scale', () => {
  it('hardening #4: flattens a nested object with 200,000 bad fields into one list: no call receives them as its arguments (docs/architecture.md, Errors: every bad field named, never a 500)', () => {
    const children = Array.from({ length: 200_000 }, (_, i) => ({ property: `k${i}`, constraints: { whitelistValidation: '不允许的字段' }, children: [] }));
    const fields = flattenValidationErrors([{ property: 'noticeBoard', children }]);
    expect(fields).toHaveLength(200_000);
    expect(fields[199_999]).toEqual({ field: 'noticeBoard.k199999', message: '不允许的字段' });
  });
});

describe('validation messages a person reads are Chinese (developers\' guide: Chinese wherever a person reads)', () => {
  it('an unexpected field and a constraint without a Chinese message are answered in Chinese', () => {
    const out = flattenValidationErrors([
      { property: 'extra', constraints: { whitelistValidation: 'property extra should not exist' }, children: [] },
      { property: 'count', constraints: { isInt: 'count must be an integer number' }, children: [] },
      { property: 'odd', constraints: { someCustomRule: 'odd is odd' }, children: [] },
      { property: 'name', constraints: { isString: '名称应为文字' }, children: [] },
    ]);
    expect(out).toEqual([
      { field: 'extra', message: '请求中不应有此字段' },
      { field: 'count', message: '应为整数' },
      { field: 'odd', message: '取值无效' },
      { field: 'name', message: '名称应为文字' },
    ]);
  });
});
