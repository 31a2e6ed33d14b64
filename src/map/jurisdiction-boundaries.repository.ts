import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { GeoJsonPolygon } from '../evidence/geojson';

export interface JurisdictionBoundaryRow {
  code: string;
  name: string;
  boundary: GeoJsonPolygon;
  approximate: boolean;
  source: string;
  updatedAt: string;
}

/** Owner of `jurisdiction_boundaries` (一张图): the boundaries administrators upload. */
@Injectable()
export class JurisdictionBoundariesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The stored boundaries among the codes given (a plot's jurisdiction and those above it). */
  of(codes: string[], em: EntityManager = this.ds.manager): Promise<JurisdictionBoundaryRow[]> {
    return em.query(
      `SELECT b.code, j.name, b.boundary, b.approximate, b.source, b.updated_at AS "updatedAt"
         FROM jurisdiction_boundaries b JOIN jurisdictions j ON j.code = b.code
        WHERE b.code = ANY ($1) ORDER BY length(b.code) DESC, b.code`,
      [codes],
    );
  }

  /** Every stored boundary (a few hundred at most: one per jurisdiction), for the map. */
  all(em: EntityManager = this.ds.manager): Promise<JurisdictionBoundaryRow[]> {
    return em.query(
      `SELECT b.code, j.name, b.boundary, b.approximate, b.source, b.updated_at AS "updatedAt"
         FROM jurisdiction_boundaries b JOIN jurisdictions j ON j.code = b.code ORDER BY b.code LIMIT 1000`,
    );
  }

  async upsert(em: EntityManager, row: { code: string; boundary: GeoJsonPolygon; approximate: boolean; source: string; updatedBy: string }): Promise<void> {
    await em.query(
      `INSERT INTO jurisdiction_boundaries (code, boundary, approximate, source, updated_by) VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET boundary = EXCLUDED.boundary, approximate = EXCLUDED.approximate, source = EXCLUDED.source,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [row.code, JSON.stringify(row.boundary), row.approximate, row.source, row.updatedBy],
    );
  }
}
