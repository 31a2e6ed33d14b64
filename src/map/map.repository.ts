import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import { plotVisibility } from '../plots/plot-access';
import type { BBox } from './plot-geometry';

/** Who reads the map: a signed-in caller (the plots it may see, as GET /plots) or the public (the published register). */
export type MapViewer = Principal | 'public';

export interface MapFilter {
  bbox?: BBox;
  stage?: string;
  jurisdiction?: string;
}

export interface MapPlotRow {
  id: string;
  code: string;
  name: string;
  state: string;
  stage: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  holderOrganisationName: string;
  boundary: GeoJsonPolygon;
  bbox: BBox;
  /** 划定管控区域 (上政文〔2017〕147号 三（四）2): the statechart's context holds the zone's notice */
  underControlZone: boolean;
}

const COLUMNS = `p.id, p.code, p.name, p.state, p.stage, p.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName",
  o.name AS "holderOrganisationName", p.boundary, ARRAY[p.bbox_min_lon, p.bbox_min_lat, p.bbox_max_lon, p.bbox_max_lat] AS bbox,
  COALESCE(jsonb_typeof(p.snapshot->'context'->'controlZone') = 'object', false) AS "underControlZone"`;
const FROM = `plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id`;

/** On the published register, as /public/register shows it (the stage column serves plots_stage_idx). */
const PUBLISHED = `p.stage = 'listed' AND p.state LIKE 'listed.%'`;

/**
 * The map's reads of plots (一张图): plots with a boundary, filtered by what the viewer may see and by the window's
 * bounding box (columns and indexes of migration PlotBoundingBoxes). The plots table is written by PlotsRepository;
 * this one only reads it. The exact test of a polygon against the window is the service's (@turf/turf).
 */
@Injectable()
export class MapRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The plots whose box meets the window without lying inside it: only these may miss the window itself. */
  async straddling(viewer: MapViewer, f: MapFilter & { bbox: BBox }): Promise<Array<{ id: string; boundary: GeoJsonPolygon }>> {
    const params: unknown[] = [];
    const where = conditions(viewer, f, [], params);
    const [minLon, minLat, maxLon, maxLat] = f.bbox.map((v) => { params.push(v); return `$${params.length}`; });
    return this.ds.query(
      `SELECT p.id, p.boundary FROM plots p WHERE ${where}
          AND NOT (p.bbox_min_lon >= ${minLon} AND p.bbox_max_lon <= ${maxLon} AND p.bbox_min_lat >= ${minLat} AND p.bbox_max_lat <= ${maxLat})`,
      params,
    );
  }

  /** One plot on the map by its feature id: the plot's id for a signed-in viewer, its code for the public. */
  async one(viewer: MapViewer, featureId: string): Promise<MapPlotRow | undefined> {
    const params: unknown[] = [featureId];
    const where = conditions(viewer, {}, [], params);
    const key = viewer === 'public' ? 'p.code = $1' : 'p.id = $1::uuid';
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${key} AND ${where}`, params);
    return row;
  }

  /** How many plots the viewer may see at a stage have no boundary (left off the map and its exports). */
  async withoutBoundary(viewer: Principal, f: MapFilter): Promise<number> {
    const params: unknown[] = [];
    const where = conditions(viewer, f, [], params).replace('p.bbox_min_lon IS NOT NULL', 'p.bbox_min_lon IS NULL');
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM plots p WHERE ${where}`, params);
    return n;
  }

  /** One page of the plots on the map, by code, and how many there are in all; `excluded` lie outside the window. */
  async page(viewer: MapViewer, f: MapFilter, excluded: string[], limit: number, offset: number): Promise<{ rows: MapPlotRow[]; matched: number }> {
    const params: unknown[] = [];
    const where = conditions(viewer, f, excluded, params);
    // The count over the whole selection comes with the page (one scan); a page past the end counts on its own.
    const rows: Array<MapPlotRow & { matched?: number }> = await this.ds.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS matched FROM ${FROM} WHERE ${where}
        ORDER BY p.code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    if (rows.length === 0) {
      const [{ matched }] = await this.ds.query(`SELECT count(*)::int AS matched FROM plots p WHERE ${where}`, params);
      return { rows: [], matched };
    }
    const matched = rows[0].matched!;
    for (const r of rows) delete r.matched;
    return { rows, matched };
  }
}

function conditions(viewer: MapViewer, f: MapFilter, excluded: string[], params: unknown[]): string {
  const where = ['p.bbox_min_lon IS NOT NULL', viewer === 'public' ? PUBLISHED : plotVisibility(viewer, 'p', params)];
  if (f.stage) {
    params.push(f.stage);
    where.push(`p.stage = $${params.length}`);
  }
  if (f.jurisdiction) where.push(inSubtree('p.jurisdiction_code', f.jurisdiction, params));
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox.map((v) => { params.push(v); return `$${params.length}`; });
    where.push(`p.bbox_min_lon <= ${maxLon} AND p.bbox_max_lon >= ${minLon} AND p.bbox_min_lat <= ${maxLat} AND p.bbox_max_lat >= ${minLat}`);
  }
  if (excluded.length) {
    params.push(excluded);
    where.push(`p.id <> ALL ($${params.length}::uuid[])`);
  }
  return where.join(' AND ');
}
