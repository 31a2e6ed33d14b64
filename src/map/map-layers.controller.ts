import { Controller, Get, Header, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { UnauthenticatedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OgcItemsQuery } from './dto/map-plots.query';
import { MapUnitsQuery } from './dto/map-units.query';
import { MapLayersService } from './map-layers.service';
import { viewerOf } from './map.controller';
import { bboxOf } from './map.service';
import { zoneLegend } from './map-zones';
import { collection, itemsPage } from './ogc';

const GEOJSON = 'application/geo+json';

/** 一张图: the key units' sites the caller may see (keyUnitVisibility), the zones' legend and the basemap. */
@ApiTags('map')
@ApiBearerAuth()
@Controller('map')
export class MapLayersController {
  constructor(private readonly layers: MapLayersService) {}

  @Get('key-units')
  @Header('Content-Type', GEOJSON)
  units(@CurrentUser() me: Principal, @Query() q: MapUnitsQuery) {
    return this.layers.unitsOnMap(me, bboxOf(q.bbox));
  }
}

/**
 * The map's settings every page reads, with or without login (the public map needs them too): the zones' legend and
 * the basemap. Kept apart from the bearer-secured map endpoints so that the API document says so.
 */
@ApiTags('map')
@Controller('map')
export class MapSettingsController {
  constructor(private readonly layers: MapLayersService) {}

  /** The four zones (上政文〔2017〕147号 三（一）4) with their colours, from reference/map-zones.json. */
  @Public()
  @Get('zones')
  zones() {
    return zoneLegend();
  }

  /** The basemap, if configured (TIANDITU_KEY); the browser's tiles carry the key in any case, so no login is asked. */
  @Public()
  @Get('config')
  config() {
    return this.layers.basemap();
  }
}

/** The public map's units: the published list (上政文〔2017〕147号 三（二）1), every unit not removed. */
@ApiTags('public')
@Controller('public/map')
export class PublicMapLayersController {
  constructor(private readonly layers: MapLayersService) {}

  @Public()
  @Get('key-units')
  @Header('Content-Type', GEOJSON)
  units(@Query() q: MapUnitsQuery) {
    return this.layers.unitsOnMap('public', bboxOf(q.bbox));
  }
}

/** OGC API – Features: the units (public without a token) and the monitoring points (only with one). */
@ApiTags('ogc')
@Controller('ogc/collections')
export class OgcLayersController {
  constructor(
    private readonly layers: MapLayersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  @Public()
  @Get('units')
  unitsCollection() {
    return collection(this.config.publicBaseUrl, 'units');
  }

  @Public()
  @Get('units/items')
  @Header('Content-Type', GEOJSON)
  async units(@Req() req: Request & { principal?: Principal }, @Query() q: OgcItemsQuery) {
    const page = await this.layers.unitsPage(viewerOf(req), bboxOf(q.bbox), q.limit, q.offset);
    return itemsPage(this.config.publicBaseUrl, page, q, this.clock.now().toISOString(), 'units');
  }

  @Public()
  @Get('monitoring-points')
  pointsCollection() {
    return collection(this.config.publicBaseUrl, 'monitoring-points');
  }

  @Public()
  @Get('monitoring-points/items')
  @Header('Content-Type', GEOJSON)
  async points(@Req() req: Request & { principal?: Principal }, @Query() q: OgcItemsQuery) {
    const viewer = viewerOf(req);
    // The network is not published: without a token GIS clients are asked to sign in.
    if (viewer === 'public') throw new UnauthenticatedError();
    const page = await this.layers.pointsPage(viewer, bboxOf(q.bbox), q.limit, q.offset);
    return itemsPage(this.config.publicBaseUrl, page, q, this.clock.now().toISOString(), 'monitoring-points');
  }
}
