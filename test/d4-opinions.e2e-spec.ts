import { FilingService } from '../src/documents/filing.service';
import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, runUntil, startJourney } from './factories/lifecycle';

const haveText = popplerOrSkip();

/**
 * D4 评审意见 of a joint review (土壤法第五十九条第三款 会同评审; issue 22 point 10): the stored record keeps each
 * bureau's decision and opinion as a list, never one string joined with '；'; the PDF prints each bureau on its own line.
 */
describeEachDatabase('D4 keeps each bureau’s opinion', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('土壤法第五十九条第三款 会同评审: the stored D4 holds [{organisation, decision, opinion}] per bureau and the PDF reads each on its own line', async () => {
    const j = await startJourney(t);
    // Through the preliminary review: eeb approves 同意, land 同意，开展详细调查 (test/factories/lifecycle.ts).
    await runUntil(t, j, fullLifecycle(t), 'SUBMIT_REPORT', 2);
    await t.app.get(FilingService).drain();
    const docs = (await t.http.get(`/plots/${j.plotId}/documents`).set(await t.as('eeb')).expect(200)).body as Array<{ id: string; kind: string; variant: string | null }>;
    const d4 = docs.filter((d) => d.kind === 'D4' && d.variant === 'approved').at(-1)!;
    expect(d4).toBeDefined();
    const [{ record }] = await t.ds.query(`SELECT record FROM documents WHERE id = $1`, [d4.id]);
    const names = async (key: string) => (await t.ds.query(`SELECT name FROM organisations WHERE id = $1`, [t.demo.organisations[key]]))[0].name as string;
    const [eeb, land] = [await names('eeb'), await names('land')];
    const stored = typeof record === 'string' ? JSON.parse(record) : record;
    expect(stored.details.opinions).toEqual([
      { organisation: eeb, decision: '同意', opinion: '同意' },
      { organisation: land, decision: '同意', opinion: '同意，开展详细调查' },
    ]);
    // No joined string is stored.
    expect(stored.details.opinion).toBeUndefined();
    expect(JSON.stringify(stored.details)).not.toContain('同意；同意');

    const res = await t.http.get(`/documents/${d4.id}/pdf`).set(await t.as('eeb')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    if (!haveText) return;
    const lines = pdfPages(res.body as Buffer).join('\n').split('\n').map(squeeze);
    expect(lines).toContain(squeeze(`${eeb}：同意`));
    expect(lines).toContain(squeeze(`${land}：同意，开展详细调查`));
    expect(lines.join('')).not.toContain('。；同意');
  });
});
