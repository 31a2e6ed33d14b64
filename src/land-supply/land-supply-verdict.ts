import type { LandUseVerdict } from '../registers/land-use';
import type { ProposalReference } from '../proposals/proposal-reference';

export type SupplyVerdict = 'investigateFirst' | 'supplyAsIntended' | 'refuse';

/** The stages before the investigation concludes whether the land is polluted (土壤法第五十九条). */
const UNINVESTIGATED = new Set(['suspected', 'investigation']);

export interface CheckedPlot {
  state: string;
  verdict: LandUseVerdict;
}

/**
 * One line for the land bureau. Not to be supplied (不得供地) when a plot the parcel overlaps has a conclusion and the
 * land-use check refuses the intended use — on the register short of its targets, in risk assessment, or fit only
 * for another class (土壤法第六十六条第三款, and the bases the plot's verdict names). To be investigated first when it
 * overlaps a plot not yet investigated, a suspected plot still proposed or the site of a key supervised unit whose
 * land has not yet been investigated as a plot (第五十九条、第六十七条). Otherwise it may be
 * supplied for the intended use.
 */
export function summarise(ref: ProposalReference, plots: CheckedPlot[], openProposals: number, keyUnitSites = 0) {
  const s = ref.landSupply;
  const refusing = plots.filter((p) => !UNINVESTIGATED.has(topOf(p.state)) && !p.verdict.permitted);
  const uninvestigated = plots.filter((p) => UNINVESTIGATED.has(topOf(p.state)));
  let verdict: SupplyVerdict;
  let detail: string;
  if (refusing.length > 0) {
    verdict = 'refuse';
    detail = `与 ${refusing.length} 个已登记地块重叠，其土壤污染状况不允许按拟供用途供地`;
  } else if (uninvestigated.length > 0 || openProposals > 0 || keyUnitSites > 0) {
    verdict = 'investigateFirst';
    const parts = [
      uninvestigated.length ? `${uninvestigated.length} 个尚未完成土壤污染状况调查的地块` : '',
      openProposals ? `${openProposals} 个待确认的疑似地块线索` : '',
      keyUnitSites ? `${keyUnitSites} 个土壤污染重点监管单位的生产经营用地` : '',
    ];
    detail = `与${parts.filter(Boolean).join('、')}重叠`;
  } else {
    verdict = 'supplyAsIntended';
    detail = plots.length ? `重叠的 ${plots.length} 个地块均可按拟供用途供应` : `系统中没有与该宗地重叠的地块或疑似地块线索；${s.useChangeReminder}`;
  }
  const { label, basis } = s[verdict];
  return { verdict, label, basis, text: `${label}：${detail}（${basis}）` };
}

function topOf(state: string): string {
  return state.split('.')[0];
}
