import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import { keyFiles } from '../src/config/keys';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

// The key that signed every token of an app started without JWT_SECRET, until hardening #10.
const KEY_ONCE_IN_THE_SOURCE = 'dev-only-secret-change-me-0123456789abcdef';

describeEachDatabase('signing keys', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    // No JWT_SECRET and no AUDIT_KEY: the embedded default's own keys.
    t = await startTestApp(target, { JWT_SECRET: '', AUDIT_KEY: '' });
  });
  afterAll(() => t?.close());

  const tokenFor = async (secret: string) => {
    const [user] = await t.ds.query(`SELECT id, token_version AS tv FROM users WHERE username = 'eeb'`);
    return new JwtService({ secret }).signAsync({ sub: user.id, tv: user.tv }, { algorithm: 'HS256', expiresIn: 600 });
  };

  it('hardening #10: without JWT_SECRET a token signed with the key once written in the source is refused with 401', async () => {
    const forged = await tokenFor(KEY_ONCE_IN_THE_SOURCE);
    await t.http.get('/plots').set('Authorization', `Bearer ${forged}`).expect(401);
    // The same claims under the key the app generated in its data directory are accepted: only the key made the difference.
    const genuine = await tokenFor(readFileSync(keyFiles(t.config.dataDir).jwtSecret, 'utf8').trim());
    await t.http.get('/plots').set('Authorization', `Bearer ${genuine}`).expect(200);
  });

  it('the audit chain of such an app is keyed with its generated key and verifies', async () => {
    const res = await t.http.post('/plots').set(await t.as('eeb')).send({
      code: `KEYS-${Date.now().toString(36)}`, name: '密钥测试地块', address: '上街区', jurisdiction: '410106', areaM2: 1000,
      formerIndustry: '化工', currentUse: '工业', plannedUse: '住宅', holderOrganisationId: t.demo.organisations.holder,
    });
    expect(res.status).toBe(201);
    const verify = await t.http.get('/audit/verify').set(await t.as('admin')).expect(200);
    expect(verify.body).toMatchObject({ valid: true, checked: 1 });
  });
});
