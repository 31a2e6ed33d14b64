import { parseBBox } from './bbox';
import { bboxOf, meetsWindow, overlapAreaM2, OVERLAP_TOLERANCE_M2 } from './plot-geometry';
import type { GeoJsonPolygon } from '../evidence/geojson';

const square = (w: number, s: number, size: number): GeoJsonPolygon => ({
  type: 'Polygon',
  coordinates: [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]],
});

describe('plot geometry (一张图, issue 19)', () => {
  it('overlap: two boundaries sharing an edge or a corner do not overlap (touching is allowed)', () => {
    expect(overlapAreaM2(square(113.29, 34.8, 0.001), square(113.291, 34.8, 0.001))).toBeLessThanOrEqual(OVERLAP_TOLERANCE_M2);
    expect(overlapAreaM2(square(113.29, 34.8, 0.001), square(113.291, 34.801, 0.001))).toBeLessThanOrEqual(OVERLAP_TOLERANCE_M2);
  });

  it('overlap: half of a square shared is half its area, in square metres on the sphere', () => {
    const whole = overlapAreaM2(square(113.29, 34.8, 0.002), square(113.29, 34.8, 0.002));
    const half = overlapAreaM2(square(113.29, 34.8, 0.002), square(113.291, 34.8, 0.002));
    // 0.002° × 0.002° at 34.8°N: about 182.6 m × 222.4 m.
    expect(whole).toBeGreaterThan(40000);
    expect(whole).toBeLessThan(41500);
    expect(half / whole).toBeCloseTo(0.5, 3);
  });

  it('the bounding box is that of the exterior ring, and a window meets a polygon only where they share a point', () => {
    const triangle: GeoJsonPolygon = { type: 'Polygon', coordinates: [[[113, 34], [113.01, 34], [113.01, 34.01], [113, 34]]] };
    expect(bboxOf(triangle)).toEqual([113, 34, 113.01, 34.01]);
    expect(meetsWindow(triangle, [113.008, 34.001, 113.009, 34.002])).toBe(true);
    expect(meetsWindow(triangle, [113.001, 34.008, 113.002, 34.009])).toBe(false);
  });

  it.each([
    ['113.2,34.7,113.4,34.9', true],
    ['113.2, 34.7, 113.4, 34.9', true],
    ['113.2,34.7,113.4', false],
    ['113.4,34.7,113.2,34.9', false],
    ['34.7,113.2,34.9,113.4', false],
    ['1e2,34,114,35', false],
    ['', false],
    ['-180,-90,180,90', true],
    ['113.2,34.7,113.2,34.7', true],
    ['60,0,150,60', true],
    ['140,34,150,35', false],
  ])('bbox %j is %s: four numbers, min below max, meeting China (src/evidence/china-extent.ts)', (text, ok) => {
    expect(parseBBox(text).ok).toBe(ok);
  });

  it('a view zoomed out past the country is clipped to its extent (src/evidence/china-extent.ts), not refused', () => {
    expect(parseBBox('-180,-90,180,90')).toEqual({ ok: true, bbox: [73, 3, 136, 54] });
    expect(parseBBox('100,30,140,40')).toEqual({ ok: true, bbox: [100, 30, 136, 40] });
    expect(parseBBox('113.2,34.7,113.4,34.9')).toEqual({ ok: true, bbox: [113.2, 34.7, 113.4, 34.9] });
  });
});
