import { renderFiling } from '../templates/render';
import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { sha256Hex } from '../src/engine/canonical-json';
import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, startJourney } from './factories/lifecycle';
import { registerPlot, send } from './factories/plots';

const haveText = popplerOrSkip();

describeEachDatabase('filing documents', (target) => {
  let t: TestApp;
  let plotId: string;
  let docs: Array<{ id: string; kind: string; variant: string | null; number: string; sha256: string; digest: string; title: string }>;
  beforeAll(async () => {
    t = await startTestApp(target);
    const journey = await startJourney(t);
    plotId = journey.plotId;
    for (const step of fullLifecycle(t)) await step.run(t, journey);
    await t.app.get(FilingService).drain();
    docs = (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('holder')).expect(200)).body;
  });
  afterAll(() => t?.close());

  it('the whole lifecycle produces the expected documents, in order (docs/plot-lifecycle.v1.md; README, Filing documents)', () => {
    expect(docs.map((d) => d.kind + (d.variant ? `:${d.variant}` : ''))).toEqual([
      'D1', 'D2', 'D3', 'D4:approved', 'D3', 'D4:approved', 'D5', 'D4:approved', 'D6:listing', 'D6:priority',
      'D8', 'D9', 'D11', 'D4:approved', 'D12:application', 'D12:decision',
    ]);
  });

  it('filing numbers follow 上环土备〔2026〕0007号: issuer short name, kind word, year, four-digit number', () => {
    const d3 = docs.filter((d) => d.kind === 'D3').map((d) => d.number);
    expect(d3[0]).toMatch(/^上环土备〔\d{4}〕\d{4}号$/);
    expect(docs.find((d) => d.variant === 'priority')!.number).toMatch(/^上资土告〔\d{4}〕0001号$/);
    expect(new Set(docs.map((d) => d.number)).size).toBe(docs.length);
  });

  it('every document is a Chinese PDF carrying its title, number, plot code, decision and digest; re-rendering gives the same bytes', async () => {
    const [{ code }] = await t.ds.query(`SELECT code FROM plots WHERE id = $1`, [plotId]);
    for (const d of docs) {
      const res = await t.http.get(`/documents/${d.id}/pdf`).set(await t.as('eeb')).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(sha256Hex(pdf)).toBe(d.sha256);
      const [row] = await t.ds.query(`SELECT record FROM documents WHERE id = $1`, [d.id]);
      expect(sha256Hex(await renderFiling(row.record))).toBe(d.sha256);
      if (haveText) {
        const text = squeeze(pdfPages(pdf).join('\n'));
        for (const expected of [d.title, d.number, code, row.record.decision.text, d.digest.slice(0, 16)]) {
          expect(text).toContain(squeeze(expected));
        }
      }
    }
  });

  it('GET /public/verify/:sha256 confirms a genuine document by its printed digest or its file hash, without login', async () => {
    const d = docs[0];
    const byDigest = await t.http.get(`/public/verify/${d.digest}`).expect(200);
    expect(byDigest.body).toMatchObject({ valid: true, number: d.number, kind: 'D1', plotCode: expect.any(String) });
    const byFile = await t.http.get(`/public/verify/${d.sha256}`).expect(200);
    expect(byFile.body.number).toBe(d.number);
  });

  it('hardening #12: /public/verify/:sha256 answers only {valid, number, kind, plotCode, issuedAt} for a document that is not published; a published one (reference/documents.json) in full', async () => {
    const registration = docs.find((d) => d.kind === 'D1')!;
    const hidden = (await t.http.get(`/public/verify/${registration.digest}`).expect(200)).body;
    expect(Object.keys(hidden).sort()).toEqual(['issuedAt', 'kind', 'number', 'plotCode', 'valid']);
    expect(hidden).toMatchObject({ valid: true, number: registration.number, kind: 'D1' });
    const byFile = (await t.http.get(`/public/verify/${registration.sha256}`).expect(200)).body;
    expect(Object.keys(byFile).sort()).toEqual(['issuedAt', 'kind', 'number', 'plotCode', 'valid']);
    const notice = docs.find((d) => d.kind === 'D6')!;
    const open = (await t.http.get(`/public/verify/${notice.digest}`).expect(200)).body;
    expect(open).toMatchObject({ valid: true, number: notice.number, title: notice.title, published: true, pdfUrl: `/documents/${notice.id}/pdf` });
    expect(open.plotName).toEqual(expect.any(String));
    expect(open.issuer).toEqual(expect.any(String));
  });

  it('hardening #5: every plot document carries the head of the plot\'s audit chain at issue, and that row is in the log', async () => {
    for (const d of docs) {
      const [row] = await t.ds.query(
        `SELECT d.record->'auditHead' AS head, a.seq, a.hash FROM documents d
           JOIN audit_log a ON a.id = d.audit_id WHERE d.id = $1`, [d.id]);
      expect(row.head).toEqual({ seq: row.seq, hash: row.hash.slice(0, 16) });
    }
  });

  it('a wrong digest is not verified', async () => {
    const wrong = docs[0].digest.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const res = await t.http.get(`/public/verify/${wrong}`).expect(404);
    expect(res.body.message).toMatch(/未找到/);
    await t.http.get('/public/verify/not-a-digest').expect(404);
  });

  it('a document of a plot the caller cannot see is 404; published notices are public', async () => {
    const d1 = docs.find((d) => d.kind === 'D1')!;
    await t.http.get(`/documents/${d1.id}/pdf`).set(await t.as('holder2')).expect(404);
    await t.http.get(`/documents/${d1.id}/pdf`).expect(404);
    await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb-xy')).expect(404);
    const notice = docs.find((d) => d.kind === 'D6')!;
    await t.http.get(`/documents/${notice.id}/pdf`).expect(200);
    const board = docs.find((d) => d.kind === 'D9')!;
    await t.http.get(`/documents/${board.id}/pdf`).expect(200);
  });

  it('numbers stay gap-free and unique per issuing body, kind and year under concurrent filings on different plots', async () => {
    const plots = await Promise.all(Array.from({ length: 12 }, () => registerPlot(t)));
    await Promise.all(plots.map((p) => send(t, 'eeb', p.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' })));
    await t.app.get(FilingService).drain();
    const rows: Array<{ issuer_org_id: string; kind: string; year: number; seqs: number[] }> = await t.ds.query(
      `SELECT issuer_org_id, kind, year, array_agg(seq ORDER BY seq) AS seqs FROM documents GROUP BY issuer_org_id, kind, year`,
    );
    for (const r of rows) expect(r.seqs).toEqual(r.seqs.map((_, i) => i + 1));
    const pending = await t.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`);
    expect(pending[0].n).toBe(0);
    const perRow = await t.ds.query(`SELECT outbox_id, count(*)::int AS n FROM documents WHERE outbox_id IS NOT NULL GROUP BY outbox_id HAVING count(*) > 1`);
    expect(perRow).toEqual([]);
  });
});
