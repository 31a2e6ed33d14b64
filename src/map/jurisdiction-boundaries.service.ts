import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DomainError, ValidationFailedError } from '../common/errors';
import { ancestorsOf } from '../common/jurisdiction';
import { Transactions } from '../database/transactions';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import { validatePolygon, type GeoJsonPolygon } from '../evidence/geojson';
import { DirectoryRepository } from '../organisations/directory.repository';
import type { JurisdictionBoundaryDto } from './dto/jurisdiction-boundary.dto';
import { placementIn } from './jurisdiction-boundary';
import { JurisdictionBoundariesRepository, type JurisdictionBoundaryRow } from './jurisdiction-boundaries.repository';
import { bboxOf } from './plot-geometry';

/** A plot boundary wholly outside the boundary of the jurisdiction it is registered in (issue 19). */
export class OutsideJurisdictionError extends DomainError {
  readonly status = 422;
  readonly code = 'BOUNDARY_OUTSIDE_JURISDICTION';
  constructor(message: string, private readonly jurisdiction: { code: string; name: string }) {
    super(message);
  }
  details() {
    return { jurisdiction: this.jurisdiction };
  }
}

export interface JurisdictionCheck {
  outside: JurisdictionBoundaryRow[];
  partly: Array<{ row: JurisdictionBoundaryRow; outsideM2: number; outsideShare: number }>;
}

const approx = (r: JurisdictionBoundaryRow) => (r.approximate ? '（辖区边界为示意边界）' : '');

/** Jurisdiction boundaries (一张图): uploaded by administrators, checked against plot boundaries. */
@Injectable()
export class JurisdictionBoundariesService {
  constructor(
    private readonly repo: JurisdictionBoundariesRepository,
    private readonly directory: DirectoryRepository,
    private readonly transactions: Transactions,
  ) {}

  /** The plot's boundary against every stored boundary of its jurisdiction and of those above it. */
  async check(code: string, boundary: GeoJsonPolygon): Promise<JurisdictionCheck> {
    const codes = [...new Set([code, ...ancestorsOf(code)])];
    const out: JurisdictionCheck = { outside: [], partly: [] };
    for (const row of await this.repo.of(codes)) {
      const p = placementIn(boundary, row.boundary);
      if (p.kind === 'outside') out.outside.push(row);
      else if (p.kind === 'partly') out.partly.push({ row, outsideM2: p.outsideM2, outsideShare: p.outsideShare });
    }
    return out;
  }

  /** At registration: a boundary wholly outside the jurisdiction is refused (422); partly outside is let through. */
  async refuseOutside(code: string, boundary: GeoJsonPolygon): Promise<void> {
    const { outside } = await this.check(code, boundary);
    const first = outside[0];
    if (first) {
      throw new OutsideJurisdictionError(
        `地块边界完全位于${first.name}辖区边界之外${approx(first)}，请核实所属行政区划或边界坐标（经度、纬度是否填反，投影坐标是否已换算）`,
        { code: first.code, name: first.name },
      );
    }
  }

  /** For POST /geometry/boundary: what a registration in `code` would meet, as warnings in Chinese. */
  async warnings(code: string, boundary: GeoJsonPolygon): Promise<string[]> {
    const { outside, partly } = await this.check(code, boundary);
    return [
      ...outside.map((r) => `边界完全位于${r.name}辖区边界之外${approx(r)}，按该行政区划登记时将被拒绝`),
      ...partly.map(({ row, outsideM2, outsideShare }) =>
        `边界有约 ${Math.round(outsideM2)} 平方米（${(outsideShare * 100).toFixed(1)}%）位于${row.name}辖区边界之外${approx(row)}，请核实`),
    ];
  }

  /** PUT /map/jurisdictions/:code/boundary (administrator). */
  async put(me: Principal, code: string, dto: JurisdictionBoundaryDto) {
    const j = await this.directory.findJurisdiction(code);
    if (!j) throw new ValidationFailedError([{ field: 'code', message: `行政区划 ${code} 不存在` }]);
    const check = validatePolygon(dto.boundary, 'boundary');
    if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field: 'boundary', message })));
    // 变更记录: the boundary and the record of who put it, with the digest of what was stored, in one transaction.
    await this.transactions.run(async (em) => {
      await this.repo.upsert(em, { code, boundary: check.polygon, approximate: dto.approximate, source: dto.source, updatedBy: me.userId });
      await this.directory.recordChange(em, {
        actorUserId: me.userId, action: 'update', entity: 'jurisdiction_boundary', entityId: code,
        details: {
          code, name: j.name, source: dto.source, approximate: dto.approximate, vertexCount: check.vertexCount,
          areaKm2: Math.round(check.areaM2Approx / 1e4) / 100, sha256: sha256Hex(canonicalJson(check.polygon)),
        },
      });
    });
    return feature({ code, name: j.name, boundary: check.polygon, approximate: dto.approximate, source: dto.source, updatedAt: new Date().toISOString() });
  }

  /** Every stored boundary as a FeatureCollection (public: administrative boundaries are public facts). */
  async collection() {
    const features = (await this.repo.all()).map(feature);
    return { type: 'FeatureCollection', features, numberMatched: features.length, numberReturned: features.length };
  }
}

function feature(r: JurisdictionBoundaryRow) {
  return {
    type: 'Feature',
    id: r.code,
    bbox: bboxOf(r.boundary),
    geometry: r.boundary,
    properties: { code: r.code, name: r.name, approximate: r.approximate, source: r.source },
  };
}
