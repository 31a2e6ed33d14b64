import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { bboxOf, overlapAreaM2, OVERLAP_TOLERANCE_M2 } from '../map/plot-geometry';
import type { PlotsRepository } from '../plots/plots.repository';

export interface PlotMatch {
  id: string;
  /** Whether the caller may see the plot (plot-access.ts); a match it may not see is not named to it. */
  visible: boolean;
  by: 'code' | 'boundary';
  /** The area shared with the parcel, square metres (boundary matches). */
  overlapM2: number | null;
}

/**
 * The registered plots a parcel is: the plot of the same code, and those whose boundary shares area with the
 * parcel's — their bounding boxes meet (an index, migration PlotBoundingBoxes), then the polygons are intersected on
 * the sphere (@turf/turf, src/map/plot-geometry.ts); touching edges are no overlap.
 */
export async function matchingPlots(
  plots: PlotsRepository,
  em: EntityManager,
  me: Principal,
  parcel: { code: string | null; boundary: GeoJsonPolygon | null },
): Promise<PlotMatch[]> {
  const matches: PlotMatch[] = [];
  if (parcel.code) {
    const id = await plots.idByCode(parcel.code);
    if (id) matches.push({ id, visible: !!(await plots.findVisible(me, id, { em })), by: 'code', overlapM2: null });
  }
  if (parcel.boundary) {
    for (const c of await plots.boundariesMeeting(em, bboxOf(parcel.boundary), me)) {
      if (matches.some((m) => m.id === c.id)) continue;
      const shared = overlapAreaM2(parcel.boundary, c.boundary);
      if (shared > OVERLAP_TOLERANCE_M2) matches.push({ id: c.id, visible: c.visible, by: 'boundary', overlapM2: Math.round(shared * 10) / 10 });
    }
  }
  return matches;
}
