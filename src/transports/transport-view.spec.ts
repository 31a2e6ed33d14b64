import { toTransportView } from './transport-view';
import type { TransportRow } from './transports.repository';

const at = '2026-07-13T02:00:00.000Z';
function row(state: string, context: Record<string, unknown>, machineVersion: number): TransportRow {
  return {
    id: 't1', plotId: 'p1', plotCode: 'SJ-2026-001', plotName: '原某铝厂电解车间地块', number: 1, state, version: 5,
    machineName: 'soil-transport', machineVersion, snapshot: { value: state, context }, holderOrganisationId: 'o1',
    holderOrganisationName: '某铝业有限公司', originJurisdiction: '410106', originJurisdictionName: '上街区',
    destinationJurisdiction: '410182', destinationJurisdictionName: '荥阳市', createdAt: at, updatedAt: at, viewerJurisdiction: null,
  } as unknown as TransportRow;
}
const plan = { quantityT: 120, plannedStart: '2026-07-13', hazardousWaste: false };

describe('toTransportView: batches and totals against the plan (土壤法第四十一条)', () => {
  it('a v1 transport shows its one dispatch and receipt as batch 1, its discrepancy as the batch’s', () => {
    const v1 = { details: plan, dispatch: { manifestNo: 'ZY-1', quantityT: 120, date: '2026-07-13' }, receipt: { quantityT: 100, receiptReportId: 'r1' }, resolution: null };
    const view = toTransportView(row('discrepancy', v1, 1));
    expect(view.batches).toEqual([
      { batchNo: 1, manifestNo: 'ZY-1', hazardousManifestNo: null, quantityT: 120, dispatchedOn: '2026-07-13', status: 'discrepancy', receipt: { quantityT: 100, receiptReportId: 'r1' }, resolution: null },
    ]);
    expect(view.totals).toEqual({ plannedT: 120, dispatchedT: 120, receivedT: 100, remainingT: 0 });
    expect(toTransportView(row('draft', { details: null, dispatch: null }, 1))).toMatchObject({ batches: [], totals: { plannedT: null, dispatchedT: 0, remainingT: null } });
  });

  it('a v2 transport sums its batches to three decimals', () => {
    const batch = (batchNo: number, quantityT: number, received: number | null) => ({
      batchNo, manifestNo: `ZY-${batchNo}`, hazardousManifestNo: null, quantityT, dispatchedOn: '2026-07-13',
      status: received === null ? 'inTransit' : 'received', receipt: received === null ? null : { quantityT: received, receiptReportId: 'r' }, resolution: null,
    });
    const view = toTransportView(row('inTransit', { details: plan, batches: [batch(1, 0.1, 0.1), batch(2, 0.2, null)] }, 2));
    expect(view.totals).toEqual({ plannedT: 120, dispatchedT: 0.3, receivedT: 0.1, remainingT: 119.7 });
  });
});
