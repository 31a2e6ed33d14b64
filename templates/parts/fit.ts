// Shrink to fit (issue 22, point 10): a filing whose body runs a little over one page is set a little
// smaller so that it stands on one sheet, as a clerk would set a 公文 to avoid a page holding only the
// closing. The scale applies to the body only; the verification footer keeps its size.

// Tried in order; a body that needs more than the smallest is left at full size over several pages.
export const FIT_SCALES = [0.94, 0.88, 0.82] as const;

/**
 * The largest of FIT_SCALES at which `fits` holds, or undefined, asking `fits` at most twice for three scales.
 * Whether a body stands on one page is monotonic in the scale (a smaller scale gives a wider and taller type area in
 * its own units, so lines wrap no later and the body grows no longer), so a search in halves finds what trying each
 * scale in turn would: the middle scale first, then the larger or the smaller one.
 */
export function largestFitting<T>(fits: (scale: number) => T | undefined): { scale: number; value: T } | undefined {
  let lo = 0;
  let hi = FIT_SCALES.length - 1;
  let best: { scale: number; value: T } | undefined;
  // FIT_SCALES descend: the indexes below a fitting one are larger scales still to try.
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const value = fits(FIT_SCALES[mid]);
    if (value !== undefined) {
      best = { scale: FIT_SCALES[mid], value };
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return best;
}

interface Real {
  width: number;
  height: number;
  margins: PDFKit.PDFPage['margins'];
}

const scaled = new WeakMap<PDFKit.PDFDocument, { scale: number; pages: Map<PDFKit.PDFPage, Real> }>();

// Draws what follows, on this page and on every page added, at `scale`: the page's width, height and
// margins are set in the scaled units, so that the type area maps onto the real one.
export function scaleBody(doc: PDFKit.PDFDocument, scale: number): void {
  if (scale === 1) return;
  const state = { scale, pages: new Map<PDFKit.PDFPage, Real>() };
  scaled.set(doc, state);
  const apply = () => {
    const page = doc.page;
    const m = page.margins;
    state.pages.set(page, { width: page.width, height: page.height, margins: { ...m } });
    doc.save();
    doc.scale(scale);
    page.width /= scale;
    page.height /= scale;
    page.margins = { top: m.top / scale, bottom: m.bottom / scale, left: m.left / scale, right: m.right / scale };
    doc.x = page.margins.left;
    doc.y = page.margins.top;
  };
  apply();
  doc.on('pageAdded', apply);
}

// Ends the scaled body on every page, so that the footer is drawn at full size.
export function unscaleBody(doc: PDFKit.PDFDocument): void {
  const state = scaled.get(doc);
  if (!state) return;
  doc.removeAllListeners('pageAdded');
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    const real = state.pages.get(doc.page);
    if (!real) continue;
    doc.restore();
    Object.assign(doc.page, real);
  }
  scaled.delete(doc);
}
