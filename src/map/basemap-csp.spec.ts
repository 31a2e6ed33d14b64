import express from 'express';
import request from 'supertest';
import { securityHeaders } from '../common/security-headers';

const appWith = (hosts?: string[]) => {
  const app = express();
  app.use(securityHeaders(hosts ? { consoleImageHosts: hosts } : {}));
  app.get('/app/map', (_req, res) => res.send('<!doctype html>'));
  return app;
};

describe('issue 19 (一张图 offline by default, optional 天地图 basemap): the console may draw images from 天地图 only when TIANDITU_KEY is set', () => {
  it('without a key the console’s images come from the app alone; with it, from *.tianditu.gov.cn too and nowhere else', async () => {
    const offline = (await request(appWith()).get('/app/map')).headers['content-security-policy'];
    expect(offline).toMatch(/img-src 'self';/);
    expect(offline).not.toMatch(/tianditu/);
    const online = (await request(appWith(['https://*.tianditu.gov.cn'])).get('/app/map')).headers['content-security-policy'];
    expect(online).toMatch(/img-src 'self' https:\/\/\*\.tianditu\.gov\.cn;/);
    expect(online).toMatch(/connect-src 'self';/);
  });
});
