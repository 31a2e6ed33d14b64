import { Module } from '@nestjs/common';
import { JurisdictionBoundariesModule } from './jurisdiction-boundaries.module';
import { JurisdictionBoundariesController, PublicJurisdictionsController, RegisterExportController } from './map-exports.controller';
import { MapController, OgcController, PublicMapController } from './map.controller';
import { MapRepository } from './map.repository';
import { MapService } from './map.service';

/** 一张图 (issue 19): the map's GeoJSON for the console and the public pages, and OGC API – Features. */
@Module({
  imports: [JurisdictionBoundariesModule],
  controllers: [MapController, PublicMapController, OgcController, RegisterExportController, JurisdictionBoundariesController, PublicJurisdictionsController],
  providers: [MapRepository, MapService],
})
export class MapModule {}
