import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../src/engine/canonical-json';
import { validatePolygon } from '../src/evidence/geojson';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

const SHANGJIE = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'jurisdiction-boundaries', '410106-approximate.geojson'), 'utf8'));

/**
 * 变更记录 (issue 22 point 9): an administrator's upload of a jurisdiction's boundary (一张图, PUT
 * /map/jurisdictions/:code/boundary) is in the change log with who, when, the jurisdiction, the source and the digest
 * of the stored boundary, written in the upload's own transaction; a refused upload leaves no entry.
 */
describeEachDatabase('the change log lists boundary uploads', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const log = async () => (await t.http.get('/admin/change-log').set(await t.as('admin')).expect(200)).body;

  it('变更记录 of 辖区边界: who, when, which jurisdiction, the source and the SHA-256 of the stored boundary; a refused upload writes none', async () => {
    const before = (await log()).total;
    const refused = await t.http.put('/map/jurisdictions/410106/boundary').set(await t.as('admin'))
      .send({ boundary: { type: 'Polygon', coordinates: [[[113.2, 34.7], [113.3, 34.7], [113.3, 34.8]]] }, approximate: true, source: '测试' });
    expect(refused.status).toBe(400);
    expect((await log()).total).toBe(before);

    const at = Date.now();
    const put = await t.http.put('/map/jurisdictions/410106/boundary').set(await t.as('admin'))
      .send({ boundary: SHANGJIE.geometry, approximate: true, source: SHANGJIE.properties.source });
    expect(put.status).toBe(200);
    const res = await log();
    expect(res.total).toBe(before + 1);
    const entry = res.items[0];
    expect(entry).toMatchObject({ actor: '系统管理员', action: '修改', entity: '辖区边界', subject: '郑州市上街区' });
    expect(Math.abs(Date.parse(entry.at) - at)).toBeLessThan(60_000);
    const details = Object.fromEntries(entry.details.map((d: { label: string; value: string }) => [d.label, d.value]));
    const check = validatePolygon(SHANGJIE.geometry);
    if (!check.ok) throw new Error('fixture polygon invalid');
    expect(details['边界数据 SHA-256']).toBe(sha256Hex(canonicalJson(check.polygon)));
    expect(details['来源']).toBe(SHANGJIE.properties.source);
    expect(details['示意边界']).toBe('是');
    expect(Number(details['界址点数'])).toBe(check.vertexCount);
    // The stored boundary is the one whose digest was logged.
    const [stored] = await t.ds.query(`SELECT boundary FROM jurisdiction_boundaries WHERE code = '410106'`);
    const storedCheck = validatePolygon(typeof stored.boundary === 'string' ? JSON.parse(stored.boundary) : stored.boundary);
    expect(storedCheck.ok && sha256Hex(canonicalJson(storedCheck.polygon))).toBe(details['边界数据 SHA-256']);
    // No code reaches the reader.
    expect(JSON.stringify(entry)).not.toMatch(/jurisdiction_boundary|vertexCount|sha256"/);
  });
});
