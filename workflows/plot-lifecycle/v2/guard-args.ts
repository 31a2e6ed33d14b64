import type { PlotLifecycleContext } from './context';
import type { PlotLifecycleEvent, ReportFactsV2 } from './events';

/**
 * What every guard of plot-lifecycle v2 is: one rule, a pure function of the context and
 * the event the engine enriched (today's date, the configured time limits, the
 * body that decides the step). The doc comment of each names its legal basis.
 */
export interface PlotGuardArgs {
  context: PlotLifecycleContext;
  event: PlotLifecycleEvent;
}

export type Guard<P = undefined> = (args: PlotGuardArgs, params: P) => boolean;

// v1's rules on facts v2 keeps unchanged (report kind, author, notice board, transports …), used as they are.
export const carried = <P>(g: (args: never, params: P) => boolean) => g as unknown as Guard<P>;

export function reportOf(event: PlotLifecycleEvent): ReportFactsV2 | null {
  return 'report' in event ? event.report : null;
}

export const filledText = (text: unknown) => typeof text === 'string' && text.trim() !== '';

/** A report submitted as the first, non-sampling stage of an investigation (HJ 25.1-2019). */
export const reportedFirstStageOnly = (event: PlotLifecycleEvent) => event.type === 'SUBMIT_REPORT' && event.firstStageOnly === true;
