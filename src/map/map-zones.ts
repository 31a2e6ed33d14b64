import { readTextFile, referencePath } from '../reference/reference-files';

/** The four zones of 一张图 (上政文〔2017〕147号 三（一）4), as reference/map-zones.json declares them. */
export type ZoneKey = 'protection' | 'warning' | 'riskControl' | 'remediation';

interface ZonesFile {
  source: string;
  zones: Record<ZoneKey, { label: string; derived: boolean; description: string }>;
  controlZone: ZoneKey;
  rules: Array<{ statePrefix: string; zone: ZoneKey }>;
}

let file: ZonesFile | undefined;

export function mapZones(): ZonesFile {
  file ??= JSON.parse(readTextFile(referencePath('map-zones.json'))) as ZonesFile;
  return file;
}

/** The zone a plot falls in by its state, or null (released, cleared: no zone); a control zone wins (上政文〔2017〕147号 三（四）2). */
export function zoneOf(state: string, underControlZone: boolean): { zone: ZoneKey; zoneLabel: string } | { zone: null; zoneLabel: null } {
  const z = mapZones();
  const key = underControlZone
    ? z.controlZone
    : z.rules.find((r) => state === r.statePrefix || state.startsWith(`${r.statePrefix}.`))?.zone;
  return key ? { zone: key, zoneLabel: z.zones[key].label } : { zone: null, zoneLabel: null };
}

/** The legend as the console draws it (colours are map.css's): every zone and whether plots give it. */
export function zoneLegend() {
  const z = mapZones();
  return {
    source: z.source,
    zones: (Object.keys(z.zones) as ZoneKey[]).map((key) => ({ key, ...z.zones[key] })),
  };
}
