import { Module } from '@nestjs/common';
import { KeyUnitsRepositoryModule } from '../key-units/key-units-repository.module';
import { MonitoringRepository } from '../monitoring/monitoring.repository';
import { JurisdictionBoundariesModule } from './jurisdiction-boundaries.module';
import { MapLayersController, MapSettingsController, OgcLayersController, PublicMapLayersController } from './map-layers.controller';
import { MapLayersService } from './map-layers.service';
import { JurisdictionBoundariesController, PublicJurisdictionsController, RegisterExportController } from './map-exports.controller';
import { MapController, OgcController, PublicMapController } from './map.controller';
import { MapRepository } from './map.repository';
import { MapService } from './map.service';

/** 一张图 (issue 19): the map's GeoJSON for the console and the public pages, and OGC API – Features. */
@Module({
  imports: [JurisdictionBoundariesModule, KeyUnitsRepositoryModule],
  // MonitoringModule brings the engine and the reports along; the map needs only its repository's reads.
  controllers: [MapLayersController, MapSettingsController, PublicMapLayersController, OgcLayersController, MapController, PublicMapController, OgcController, RegisterExportController, JurisdictionBoundariesController, PublicJurisdictionsController],
  providers: [MapRepository, MapService, MapLayersService, MonitoringRepository],
})
export class MapModule {}
