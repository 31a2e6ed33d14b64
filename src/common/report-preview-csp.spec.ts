import { CSP_DIRECTIVES } from './security-headers';

describe('the report preview in the console (issue 22 point 4)', () => {
  it("issue 22 point 4: only the console may frame a blob: URL it made (the report's PDF); the API and the docs frame nothing", () => {
    expect(CSP_DIRECTIVES.console.frameSrc).toEqual(["'self'", 'blob:']);
    expect(CSP_DIRECTIVES.api.frameSrc).toBeUndefined();
    expect(CSP_DIRECTIVES.api.defaultSrc).toEqual(["'none'"]);
    expect(CSP_DIRECTIVES.docs.frameSrc).toBeUndefined();
    // The console itself is never framed, whatever it frames.
    expect(CSP_DIRECTIVES.console.frameAncestors).toEqual(["'none'"]);
  });
});
