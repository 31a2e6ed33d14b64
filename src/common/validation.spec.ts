import { findPrototypeKey } from './validation';

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
