import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DocumentsService } from '../documents/documents.service';
import { PlotHistoryService } from '../plots/plot-history.service';
import { PlotsService } from '../plots/plots.service';
import { ReportsService } from '../reports/reports.service';
import { TransportsService } from '../transports/transports.service';

/** The parts of the plot page besides the plot itself, each as its own endpoint answers it. */
export const PLOT_PAGE_PARTS = ['history', 'reports', 'screening', 'documents', 'transports'] as const;
export type PlotPagePart = (typeof PLOT_PAGE_PARTS)[number];

export interface PlotPageView {
  plot: Awaited<ReturnType<PlotsService['get']>>;
  /** null where the caller may not read that part (its own endpoint answers 403 or 404); the part is named in `unavailable`. */
  history: Awaited<ReturnType<PlotHistoryService['history']>> | null;
  reports: Awaited<ReturnType<ReportsService['list']>> | null;
  screening: Awaited<ReturnType<PlotsService['screeningOf']>> | null;
  documents: Awaited<ReturnType<DocumentsService['forPlot']>> | null;
  transports: Awaited<ReturnType<TransportsService['listForPlot']>> | null;
  unavailable: PlotPagePart[];
}

/**
 * One read for the console's plot page: the plot and its history, reports, screening, documents and transports, each
 * read by the service of its own endpoint — so each keeps its own checks of role, organisation and jurisdiction. On a
 * slow link the page's six reads were six round trips competing for the browser's six connections to the host.
 */
@Injectable()
export class PlotPageService {
  constructor(
    private readonly plots: PlotsService,
    private readonly history: PlotHistoryService,
    private readonly reports: ReportsService,
    private readonly documents: DocumentsService,
    private readonly transports: TransportsService,
  ) {}

  async page(me: Principal, plotId: string): Promise<PlotPageView> {
    // The plot is read first: a caller who may not see it gets its 403 or 404 and nothing else is read.
    const plot = await this.plots.get(me, plotId);
    const reads: Record<PlotPagePart, () => Promise<unknown>> = {
      history: () => this.history.history(me, plotId),
      reports: () => this.reports.list(me, plotId),
      screening: () => this.plots.screeningOf(me, plotId),
      documents: () => this.documents.forPlot(me, plotId),
      transports: () => this.transports.listForPlot(me, plotId),
    };
    const settled = await Promise.allSettled(PLOT_PAGE_PARTS.map((part) => reads[part]()));
    const view: Record<string, unknown> = { plot, unavailable: [] as PlotPagePart[] };
    settled.forEach((result, i) => {
      const part = PLOT_PAGE_PARTS[i];
      if (result.status === 'fulfilled') {
        view[part] = result.value;
        return;
      }
      if (!refusal(result.reason)) throw result.reason;
      view[part] = null;
      (view.unavailable as PlotPagePart[]).push(part);
    });
    return view as unknown as PlotPageView;
  }
}

/** A part the caller may not read, as against a failure that must surface as one. */
function refusal(e: unknown): boolean {
  return e instanceof HttpException && (e.getStatus() === HttpStatus.FORBIDDEN || e.getStatus() === HttpStatus.NOT_FOUND);
}
