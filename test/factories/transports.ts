import type { TestApp } from '../helpers/test-app';
import { fullLifecycle, startJourney, type Journey } from './lifecycle';
import { upload } from './plots';

/** A plot driven through the law to `listed.remediation.inProgress` (the steps of fullLifecycle up to START_WORKS). */
export async function plotInRemediationWorks(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Journey> {
  const j = await startJourney(t, overrides);
  const steps = fullLifecycle(t);
  const end = steps.findIndex((s) => s.event === 'START_WORKS');
  for (const step of steps.slice(0, end + 1)) await step.run(t, j);
  return j;
}

/** A complete transport plan (土壤法 art. 41), from 上街区 410106 to 荥阳市 410182. */
export function transportPlan(plannedStart: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'SUBMIT',
    plannedStart,
    method: '密闭厢式货车',
    route: '上街区 → 连霍高速 → 荥阳市',
    carrier: '某运输有限公司',
    vehicles: ['豫A·12345', '豫A·67890'],
    quantityT: 120,
    destinationFacility: '荥阳市某水泥窑协同处置厂',
    destinationJurisdiction: '410182',
    finalDisposal: '水泥窑协同处置',
    hazardousWaste: false,
    ...overrides,
  };
}

export async function openTransport(t: TestApp, plotId: string, as = 'holder') {
  const res = await t.http.post(`/plots/${plotId}/transports`).set(await t.as(as)).send({});
  if (res.status !== 201) throw new Error(`open transport: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sends a transport event; returns the response (status not checked). */
export async function transportEvent(t: TestApp, as: string, id: string, event: Record<string, unknown>, key?: string) {
  let req = t.http.post(`/transports/${id}/events`).set(await t.as(as));
  if (key) req = req.set('Idempotency-Key', key);
  return req.send(event);
}

/** Sends a transport event and expects a status; returns the body. */
export async function sendTransport(t: TestApp, as: string, id: string, event: Record<string, unknown>, status = 200) {
  const res = await transportEvent(t, as, id, event);
  if (res.status !== status) throw new Error(`${as} ${String(event.type)}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function receiptReport(t: TestApp, plotId: string, quantityT: number) {
  return (await upload(t, 'holder', plotId, 'transport_receipt', { quantityT })).id as string;
}
