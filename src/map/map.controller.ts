import { Controller, Get, Header, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { UnauthenticatedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MapPlotsQuery, OgcItemsQuery } from './dto/map-plots.query';
import { bboxOf, MapService } from './map.service';
import type { MapViewer } from './map.repository';
import { collections, featurePage, itemsPage, landingPage, OGC_CONFORMANCE, plotsCollection } from './ogc';

const GEOJSON = 'application/geo+json';

/** 一张图: the plots the caller may see, as GeoJSON, for the console's map. */
@ApiTags('map')
@ApiBearerAuth()
@Controller('map')
export class MapController {
  constructor(private readonly map: MapService) {}

  @Get('plots')
  @Header('Content-Type', GEOJSON)
  plots(@CurrentUser() me: Principal, @Query() q: MapPlotsQuery) {
    return this.map.plots(me, q);
  }
}

/** The public map: only plots on the published register (名录公示). */
@ApiTags('public')
@Controller('public/map')
export class PublicMapController {
  constructor(private readonly map: MapService) {}

  @Public()
  @Get('plots')
  @Header('Content-Type', GEOJSON)
  plots(@Query() q: MapPlotsQuery) {
    return this.map.plots('public', q);
  }
}

/**
 * OGC API – Features (ogc.ts): with a bearer token the caller's plots, without one the public ones. A token that
 * does not authenticate is refused rather than read as the public, so a GIS client never mistakes one for the other.
 */
@ApiTags('ogc')
@Controller('ogc')
export class OgcController {
  constructor(
    private readonly map: MapService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  @Public()
  @Get()
  landing() {
    return landingPage(this.config.publicBaseUrl);
  }

  @Public()
  @Get('conformance')
  conformance() {
    return { conformsTo: OGC_CONFORMANCE };
  }

  @Public()
  @Get('collections')
  collections() {
    return collections(this.config.publicBaseUrl);
  }

  @Public()
  @Get('collections/plots')
  collection() {
    return plotsCollection(this.config.publicBaseUrl);
  }

  @Public()
  @Get('collections/plots/items')
  @Header('Content-Type', GEOJSON)
  async items(@Req() req: Request & { principal?: Principal }, @Query() q: OgcItemsQuery) {
    const page = await this.map.page(viewerOf(req), { bbox: bboxOf(q.bbox) }, q.limit, q.offset);
    return itemsPage(this.config.publicBaseUrl, page, q, this.clock.now().toISOString());
  }

  @Public()
  /** A plot's id for a signed-in caller, its code (地块编码) for the public. */
  @Get('collections/plots/items/:featureId')
  @Header('Content-Type', GEOJSON)
  async item(@Req() req: Request & { principal?: Principal }, @Param('featureId') featureId: string) {
    return featurePage(this.config.publicBaseUrl, await this.map.feature(viewerOf(req), featureId));
  }
}

export function viewerOf(req: Request & { principal?: Principal }): MapViewer {
  if (req.principal) return req.principal;
  if (req.header('authorization')) throw new UnauthenticatedError();
  return 'public';
}
