import { consoleRoute } from './console-routes';

describe('consoleRoute: which requests the web console answers', () => {
  it.each([
    ['GET', '/', true, { kind: 'redirect', location: '/app/' }],
    ['GET', '/app', false, { kind: 'redirect', location: '/app/' }],
    ['GET', '/app/', false, { kind: 'page' }],
    ['GET', '/app/plots/0f8fad5b-d9cb-469f-a165-70867728950e', true, { kind: 'page' }],
    ['HEAD', '/app/login', true, { kind: 'page' }],
    ['GET', '/app/assets/js/main.js', false, { kind: 'asset', file: 'js/main.js' }],
    ['GET', '/verify/ab12', true, { kind: 'page' }],
    ['GET', '/public/verify/ab12', true, { kind: 'page' }],
    ['GET', '/public/register', true, { kind: 'page' }],
    ['GET', '/app/map', true, { kind: 'page' }],
    ['GET', '/app/public/map', false, { kind: 'page' }],
    ['GET', '/app/assets/vendor/leaflet/leaflet.js', false, { kind: 'asset', file: 'vendor/leaflet/leaflet.js' }],
  ])('%s %s (prefers HTML: %s) → %j', (method, path, html, expected) => {
    expect(consoleRoute(method, path, html)).toEqual(expected);
  });

  it.each([
    ['GET', '/', false],
    ['POST', '/app/login', true],
    ['GET', '/plots', true],
    ['GET', '/me/tasks', true],
    ['GET', '/api/docs', true],
    ['GET', '/health', true],
    ['GET', '/public/verify/ab12', false],
    ['GET', '/public/register', false],
    ['GET', '/public/verify/ab12/extra', true],
    ['GET', '/application', true],
    ['GET', '/map/plots', true],
    ['GET', '/public/map/plots', true],
  ])('%s %s (prefers HTML: %s) is left to the API', (method, path, html) => {
    expect(consoleRoute(method, path, html)).toBeUndefined();
  });
});
