import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { industryName } from '../key-units/key-unit-reference';
import { KeyUnitsRepository } from '../key-units/key-units.repository';
import { monitoringReference } from '../monitoring/monitoring-reference';
import { MonitoringRepository } from '../monitoring/monitoring.repository';
import { stateLabel as unitStateLabel } from '../../workflows/key-unit/v1/labels';
import type { MapViewer } from './map.repository';
import { MAP_MAX_FEATURES, type Feature, type FeatureCollection } from './map.service';
import type { BBox } from './plot-geometry';

/**
 * 一张图's other layers: key units' sites (重点监管单位) and monitoring points, for the console, the public map and
 * OGC API – Features, and the optional 天地图 basemap. A unit's site is selected by its bounding box.
 */
@Injectable()
export class MapLayersService {
  constructor(
    private readonly units: KeyUnitsRepository,
    private readonly monitoring: MonitoringRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** GET /map/key-units and /public/map/key-units: up to MAP_MAX_FEATURES sites in the window; `truncated` says when more. */
  async unitsOnMap(viewer: MapViewer, bbox: BBox | undefined): Promise<FeatureCollection> {
    const page = await this.unitsPage(viewer, bbox, MAP_MAX_FEATURES, 0);
    return { ...page, truncated: page.numberMatched > page.numberReturned };
  }

  async unitsPage(viewer: MapViewer, bbox: BBox | undefined, limit: number, offset: number): Promise<FeatureCollection> {
    const { rows, matched } = await this.units.mapPage(viewer, bbox, limit, offset);
    const features: Feature[] = rows.map((u) => {
      const shared = { name: u.name, industryName: industryName(u.industry), stateLabel: unitStateLabel(u.state), jurisdictionName: u.jurisdictionName };
      // The public sees what GET /public/key-units lists, keyed by the 统一社会信用代码 it publishes.
      return viewer === 'public'
        ? { type: 'Feature', id: u.creditCode, bbox: u.bbox, geometry: u.siteBoundary,
          properties: { ...shared, creditCode: u.creditCode, address: u.address, listedOn: u.listedOn } }
        : { type: 'Feature', id: u.id, bbox: u.bbox, geometry: u.siteBoundary,
          properties: { ...shared, creditCode: u.creditCode, address: u.address, listedOn: u.listedOn, state: u.state } };
    });
    return { type: 'FeatureCollection', features, numberMatched: matched, numberReturned: features.length };
  }

  /** OGC monitoring-points: the caller's view as GET /monitoring/points gives it, as GeoJSON points. */
  async pointsPage(me: Principal, bbox: BBox | undefined, limit: number, offset: number): Promise<FeatureCollection> {
    const { rows, matched } = await this.monitoring.mapPage(me, bbox, limit, offset);
    const kinds = monitoringReference().pointKinds;
    const features: Feature[] = rows.map((p) => ({
      type: 'Feature', id: p.id, bbox: [p.lon, p.lat, p.lon, p.lat],
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { code: p.code, name: p.name, kind: p.kind, kindLabel: kinds[p.kind]?.label ?? p.kind, jurisdictionName: p.jurisdictionName, nextDueOn: p.nextDueOn, openWarning: p.openWarning },
    }));
    return { type: 'FeatureCollection', features, numberMatched: matched, numberReturned: features.length };
  }

  /** GET /map/config: the basemap when TIANDITU_KEY is configured, else none (the map stays offline). */
  basemap() {
    const key = this.config.tiandituKey;
    if (!key) return { basemap: null };
    // 天地图 WMTS in Web Mercator (_w): the vector map and its Chinese annotation layered on it.
    const tile = (layer: string) =>
      `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`;
    return {
      basemap: {
        kind: 'tianditu' as const,
        urlTemplate: tile('vec'),
        annotationUrlTemplate: tile('cva'),
        subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
        attribution: '底图 © 天地图（国家地理信息公共服务平台）',
      },
    };
  }
}
