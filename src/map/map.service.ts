import { Injectable } from '@nestjs/common';
import { plotStateLabel } from '../../workflows';
import { parseBBox } from './bbox';
import { MapRepository, type MapFilter, type MapPlotRow, type MapViewer } from './map.repository';
import { meetsWindow, type BBox } from './plot-geometry';

/** At most this many features in one answer of GET /map/plots (issue 19's contract); `truncated` says when more. */
export const MAP_MAX_FEATURES = 5000;

export interface Feature {
  type: 'Feature';
  id: string;
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

  /** One page of features in the window: the boxes select in SQL, the polygons that straddle its edge are tested here. */
  async page(viewer: MapViewer, filter: MapFilter, limit: number, offset: number): Promise<FeatureCollection> {
    const window = filter.bbox;
    const outside = window
      ? (await this.map.straddling(viewer, { ...filter, bbox: window })).filter((p) => !meetsWindow(p.boundary, window)).map((p) => p.id)
      : [];
    const { rows, matched } = await this.map.page(viewer, filter, outside, limit, offset);
    const features = rows.map((r) => (viewer === 'public' ? publicFeature(r) : feature(r)));
    return { type: 'FeatureCollection', features, numberMatched: matched, numberReturned: features.length };
  }
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
    },
  };
}

/** What the published register shows of a plot (名录公示): no internal id, no holder, no workflow state path. */
function publicFeature(r: MapPlotRow): Feature {
  return {
    type: 'Feature',
    id: r.code,
    geometry: r.boundary,
    properties: { code: r.code, name: r.name, stage: r.stage, stateLabel: plotStateLabel(r.state), jurisdictionName: r.jurisdictionName },
  };
}
