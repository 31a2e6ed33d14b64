import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { plotStateLabel } from '../../workflows';
import { parseBBox } from './bbox';
import { MapRepository, type MapFilter, type MapPlotRow, type MapViewer } from './map.repository';
import { zoneOf } from './map-zones';
import { meetsWindow, type BBox } from './plot-geometry';

/** At most this many features in one answer of GET /map/plots (issue 19's contract); `truncated` says when more. */
export const MAP_MAX_FEATURES = 5000;

export interface Feature {
  type: 'Feature';
  id: string;
  /** RFC 7946 §5: the boundary's bounding box, [minLon, minLat, maxLon, maxLat]. */
  bbox: BBox;
  geometry: unknown;
  properties: Record<string, unknown>;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  [member: string]: unknown;
}

/** 一张图: the plots on the map as GeoJSON (RFC 7946), for the console, the public pages and GIS clients. */
@Injectable()
export class MapService {
  constructor(private readonly map: MapRepository) {}

  /** GET /map/plots and /public/map/plots: every plot on the map in the window, up to MAP_MAX_FEATURES. */
  async plots(viewer: MapViewer, q: { bbox?: string; stage?: string; jurisdiction?: string }): Promise<FeatureCollection> {
    const page = await this.page(viewer, { bbox: bboxOf(q.bbox), stage: q.stage, jurisdiction: q.jurisdiction }, MAP_MAX_FEATURES, 0);
    return { ...page, truncated: page.numberMatched > page.numberReturned };
  }

  /**
   * One page of features in the window: the boxes select in SQL, the polygons whose box straddles the window's edge
   * are tested here. When the first page holds every candidate (a map's usual window) one query does; otherwise the
   * straddling plots are tested first and those outside left out of the count and the page.
   */
  async page(viewer: MapViewer, filter: MapFilter, limit: number, offset: number): Promise<FeatureCollection> {
    const window = filter.bbox;
    let result: { rows: MapPlotRow[]; matched: number } | undefined;
    if (window && offset === 0) {
      const first = await this.map.page(viewer, filter, [], limit, 0);
      if (first.matched <= limit) {
        const rows = first.rows.filter((r) => within(r.bbox, window) || meetsWindow(r.boundary, window));
        result = { rows, matched: first.matched - (first.rows.length - rows.length) };
      }
    }
    if (!result) {
      const outside = window
        ? (await this.map.straddling(viewer, { ...filter, bbox: window })).filter((p) => !meetsWindow(p.boundary, window)).map((p) => p.id)
        : [];
      result = await this.map.page(viewer, filter, outside, limit, offset);
    }
    const features = result.rows.map((r) => (viewer === 'public' ? publicFeature(r) : feature(r)));
    return { type: 'FeatureCollection', features, numberMatched: result.matched, numberReturned: features.length };
  }

  /** The visible plots of the filter that have no boundary to draw. */
  withoutBoundary(viewer: MapViewer, filter: MapFilter): Promise<number> {
    return viewer === 'public' ? Promise.resolve(0) : this.map.withoutBoundary(viewer, filter);
  }

  /** One feature (OGC API – Features, /collections/plots/items/{featureId}); not visible answers as unknown. */
  async feature(viewer: MapViewer, featureId: string): Promise<Feature> {
    const key = viewer === 'public' ? /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/ : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const row = key.test(featureId) ? await this.map.one(viewer, featureId) : undefined;
    if (!row) throw new NotFoundError('地块不存在或无权查看');
    return viewer === 'public' ? publicFeature(row) : feature(row);
  }
}

/** Whether a box lies inside the window, so that its polygon meets it without a test. */
function within(box: BBox, window: BBox): boolean {
  return box[0] >= window[0] && box[1] >= window[1] && box[2] <= window[2] && box[3] <= window[3];
}

export function bboxOf(text: string | undefined): BBox | undefined {
  if (text === undefined) return undefined;
  const r = parseBBox(text);
  // The query DTO has refused a malformed bbox already.
  if (!r.ok) throw new Error(r.message);
  return r.bbox;
}

function feature(r: MapPlotRow): Feature {
  return {
    type: 'Feature',
    id: r.id,
    bbox: r.bbox,
    geometry: r.boundary,
    properties: {
      code: r.code,
      name: r.name,
      state: r.state,
      stateLabel: plotStateLabel(r.state),
      stage: r.stage,
      jurisdiction: r.jurisdictionCode,
      jurisdictionName: r.jurisdictionName,
      holderOrganisationName: r.holderOrganisationName,
      ...zoneOf(r.state, r.underControlZone),
    },
  };
}

/** What the published register shows of a plot (名录公示): no internal id, no holder, no workflow state path. */
function publicFeature(r: MapPlotRow): Feature {
  return {
    type: 'Feature',
    id: r.code,
    bbox: r.bbox,
    geometry: r.boundary,
    properties: {
      code: r.code, name: r.name, stage: r.stage, stateLabel: plotStateLabel(r.state), jurisdictionName: r.jurisdictionName,
      zoneLabel: zoneOf(r.state, r.underControlZone).zoneLabel,
    },
  };
}
