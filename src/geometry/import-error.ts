import { ValidationFailedError } from '../common/errors';

/** A boundary file or option that cannot be read: a 400 naming the field, in Chinese. */
export function importError(field: string, message: string): ValidationFailedError {
  return new ValidationFailedError([{ field, message }], message);
}

/** Where the coordinates are on a zone: which EPSG system and whether the easting has the zone prefix. */
export interface ZoneOptions {
  /** 3-degree zone number (25–45), e.g. 38 for 上街区. */
  zone?: number;
  /** Central meridian in degrees east (75–135, a multiple of 3), e.g. 114. */
  centralMeridian?: number;
}
