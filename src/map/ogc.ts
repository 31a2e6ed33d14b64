import type { Feature, FeatureCollection } from './map.service';

/**
 * OGC API – Features – Part 1: Core (OGC 17-069r4) documents, so that QGIS and other GIS clients can add the plots,
 * the key units' sites and the monitoring points as layers, in CRS84 (CGCS2000 longitude/latitude, treated as WGS 84
 * for display).
 */
export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';

export function landingPage(base: string) {
  return {
    title: '污染地块一张图',
    description: '建设用地土壤污染状况调查、风险评估、风险管控和修复各阶段地块的边界，土壤污染重点监管单位的用地范围和土壤环境监测点位（OGC API – Features）',
    links: [
      { href: `${base}/ogc`, rel: 'self', type: JSON_TYPE, title: '本页' },
      { href: `${base}/api/docs-json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: '接口定义（OpenAPI）' },
      { href: `${base}/api/docs`, rel: 'service-doc', type: 'text/html', title: '接口说明' },
      { href: `${base}/ogc/conformance`, rel: 'conformance', type: JSON_TYPE, title: '符合的标准' },
      { href: `${base}/ogc/collections`, rel: 'data', type: JSON_TYPE, title: '图层' },
    ],
  };
}

export type CollectionId = 'plots' | 'units' | 'monitoring-points';

const COLLECTIONS: Record<CollectionId, { title: string; description: string; items: string }> = {
  plots: { title: '污染地块', description: '登录后为当前用户可查看的地块；未登录时为已纳入风险管控和修复名录并公开的地块', items: '地块要素' },
  units: { title: '土壤污染重点监管单位', description: '登录后为当前用户可查看的单位用地范围；未登录时为公布的重点监管单位名录（不含已移出的单位）', items: '单位要素' },
  'monitoring-points': { title: '土壤环境监测点位', description: '须登录：当前用户可查看的监测点位', items: '点位要素' },
};

export function collection(base: string, id: CollectionId) {
  const c = COLLECTIONS[id];
  return {
    id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    crs: [CRS84],
    extent: { spatial: { bbox: [[73, 3, 136, 54]], crs: CRS84 } },
    links: [
      { href: `${base}/ogc/collections/${id}`, rel: 'self', type: JSON_TYPE, title: '本图层' },
      { href: `${base}/ogc/collections/${id}/items`, rel: 'items', type: GEOJSON, title: c.items },
    ],
  };
}

export const plotsCollection = (base: string) => collection(base, 'plots');

export function collections(base: string) {
  return {
    links: [{ href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE, title: '本页' }],
    collections: (Object.keys(COLLECTIONS) as CollectionId[]).map((id) => collection(base, id)),
  };
}

/** An items page with its self, next and prev links (§7.15.7); the query's other parameters are kept in them. */
export function itemsPage(
  base: string, page: FeatureCollection, q: { bbox?: string; limit: number; offset: number }, timeStamp: string, id: CollectionId = 'plots',
) {
  const href = (offset: number) => {
    const params = new URLSearchParams();
    if (q.bbox) params.set('bbox', q.bbox);
    params.set('limit', String(q.limit));
    params.set('offset', String(offset));
    return `${base}/ogc/collections/${id}/items?${params}`;
  };
  const links = [{ href: href(q.offset), rel: 'self', type: GEOJSON, title: '本页' }];
  if (q.offset + page.numberReturned < page.numberMatched) links.push({ href: href(q.offset + q.limit), rel: 'next', type: GEOJSON, title: '下一页' });
  if (q.offset > 0) links.push({ href: href(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON, title: '上一页' });
  links.push({ href: `${base}/ogc/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: '图层' });
  return { ...page, timeStamp, links };
}

/** One feature with its self and collection links (§7.16). */
export function featurePage(base: string, feature: Feature) {
  return {
    ...feature,
    links: [
      { href: `${base}/ogc/collections/plots/items/${encodeURIComponent(feature.id)}`, rel: 'self', type: GEOJSON, title: '本地块' },
      { href: `${base}/ogc/collections/plots`, rel: 'collection', type: JSON_TYPE, title: '图层' },
    ],
  };
}
