import type { Request } from 'express';
import { CSP_DIRECTIVES, policyFor } from './security-headers';

const req = (path: string, accept = 'application/json', method = 'GET') =>
  ({ method, path, accepts: (types: string[]) => (accept === 'text/html' ? 'text/html' : types[0]) }) as unknown as Request;

describe('which Content-Security-Policy a response gets', () => {
  it.each([
    ['/app/plots', 'text/html', 'console'],
    ['/app/assets/app.js', 'application/json', 'console'],
    ['/verify/ab12', 'text/html', 'console'],
    ['/public/verify/ab12', 'text/html', 'console'],
    ['/public/verify/ab12', 'application/json', 'api'],
    ['/api/docs', 'text/html', 'docs'],
    ['/api/docs/swagger-ui-bundle.js', 'application/json', 'docs'],
    ['/api/docs-json', 'application/json', 'api'],
    ['/plots', 'text/html', 'api'],
    ['/documents/0f8fad5b-d9cb-469f-a165-70867728950e/pdf', 'text/html', 'api'],
  ])('hardening #8: %s (accepts %s) → the %s policy', (path, accept, policy) => {
    expect(policyFor(req(path, accept))).toBe(policy);
  });

  it("hardening #8: every policy forbids framing and plugins; only the API docs allow inline style, none inline script", () => {
    for (const [kind, d] of Object.entries(CSP_DIRECTIVES)) {
      expect(d.frameAncestors).toEqual(["'none'"]);
      expect(d.objectSrc).toEqual(["'none'"]);
      expect(JSON.stringify(d.scriptSrc ?? [])).not.toContain('unsafe');
      if (kind !== 'docs') expect(JSON.stringify(d)).not.toContain('unsafe');
    }
  });
});
