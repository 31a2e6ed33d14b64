import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { placementIn } from './jurisdiction-boundary';

const square = (w: number, s: number, side: number): GeoJsonPolygon => ({
  type: 'Polygon', coordinates: [[[w, s], [w + side, s], [w + side, s + side], [w, s + side], [w, s]]],
});
const DISTRICT = square(113.0, 34.0, 0.1);

describe('a plot boundary against its jurisdiction’s (issue 19: inside the jurisdiction’s boundary)', () => {
  it('wholly inside, inside along an edge, partly outside with the area outside, wholly outside, touching only', () => {
    expect(placementIn(square(113.01, 34.01, 0.01), DISTRICT)).toEqual({ kind: 'inside' });
    expect(placementIn(square(113.0, 34.0, 0.01), DISTRICT)).toEqual({ kind: 'inside' });
    const partly = placementIn(square(113.095, 34.05, 0.01), DISTRICT);
    expect(partly.kind).toBe('partly');
    if (partly.kind === 'partly') expect(partly.outsideShare).toBeCloseTo(0.5, 2);
    expect(placementIn(square(113.2, 34.2, 0.01), DISTRICT)).toEqual({ kind: 'outside' });
    expect(placementIn(square(113.1, 34.05, 0.01), DISTRICT)).toEqual({ kind: 'outside' });
  });

  it('the demo plots of 上街区 (113.29–113.30°E, 34.80°N) lie inside its approximate boundary in reference/', () => {
    const f = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'jurisdiction-boundaries', '410106-approximate.geojson'), 'utf8'));
    expect(f.properties).toMatchObject({ code: '410106', approximate: true });
    expect(placementIn(square(113.289, 34.799, 0.002), f.geometry)).toEqual({ kind: 'inside' });
    expect(placementIn(square(113.40, 34.70, 0.002), f.geometry)).toEqual({ kind: 'outside' });
  });
});
