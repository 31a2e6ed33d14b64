import { Body, Controller, Get, Header, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/errors';
import { contentDisposition } from '../evidence/file-name';
import { JurisdictionBoundaryDto } from './dto/jurisdiction-boundary.dto';
import { RegisterExportQuery } from './dto/register-export.query';
import { JurisdictionBoundariesService } from './jurisdiction-boundaries.service';
import { MapService } from './map.service';

const GEOJSON = 'application/geo+json';
const CODE = /^[0-9]{6}([0-9]{3,6})?$/;

/** The register (名录) as GeoJSON, for a bureau to download into its GIS (issue 19: registers exported as GeoJSON). */
@ApiTags('registers')
@ApiBearerAuth()
@Controller('registers')
export class RegisterExportController {
  constructor(private readonly map: MapService) {}

  @Get('listed.geojson')
  @Roles('eeb', 'land', 'admin')
  @Header('Content-Type', GEOJSON)
  async listed(@CurrentUser() me: Principal, @Query() q: RegisterExportQuery, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Content-Disposition', contentDisposition('attachment', 'listed-register.geojson', '建设用地土壤污染风险管控和修复名录.geojson'));
    const filter = { stage: 'listed', jurisdiction: q.jurisdiction };
    const page = await this.map.page(me, filter, q.limit, q.offset);
    const withoutBoundary = await this.map.withoutBoundary(me, filter);
    const features = page.features.map((f) => ({
      ...f,
      properties: {
        code: f.properties.code,
        name: f.properties.name,
        stage: f.properties.stateLabel,
        jurisdiction: f.properties.jurisdiction,
        jurisdictionName: f.properties.jurisdictionName,
        holderOrganisationName: f.properties.holderOrganisationName,
      },
    }));
    return {
      type: 'FeatureCollection',
      name: '建设用地土壤污染风险管控和修复名录',
      features,
      numberMatched: page.numberMatched,
      numberReturned: features.length,
      truncated: q.offset + features.length < page.numberMatched,
      withoutBoundary,
      ...(withoutBoundary ? { note: `另有 ${withoutBoundary} 个名录地块登记时未标注边界，未包含在本文件中` } : {}),
    };
  }
}

/** Jurisdiction boundaries: an administrator uploads them; everyone may read them (administrative lines are public). */
@ApiTags('map')
@ApiBearerAuth()
@Controller('map/jurisdictions')
export class JurisdictionBoundariesController {
  constructor(private readonly boundaries: JurisdictionBoundariesService) {}

  @Put(':code/boundary')
  @Roles('admin')
  @Header('Content-Type', GEOJSON)
  put(@CurrentUser() me: Principal, @Param('code') code: string, @Body() dto: JurisdictionBoundaryDto) {
    if (!CODE.test(code)) throw new ValidationFailedError([{ field: 'code', message: '行政区划代码应为 6 位（或 9–12 位）数字' }]);
    return this.boundaries.put(me, code, dto);
  }
}

@ApiTags('public')
@Controller('public/map')
export class PublicJurisdictionsController {
  constructor(private readonly boundaries: JurisdictionBoundariesService) {}

  @Public()
  @Get('jurisdictions')
  @Header('Content-Type', GEOJSON)
  jurisdictions() {
    return this.boundaries.collection();
  }
}
