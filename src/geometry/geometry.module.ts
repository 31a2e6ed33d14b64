import { Module } from '@nestjs/common';
import { JurisdictionBoundariesModule } from '../map/jurisdiction-boundaries.module';
import { GeometryController } from './geometry.controller';
import { BoundaryUploadInterceptor } from './boundary-upload.interceptor';

/** Boundaries as surveys deliver them: 界址点 lists, Shapefiles and GeoJSON, converted to lon/lat on CGCS2000. */
@Module({
  imports: [JurisdictionBoundariesModule],
  controllers: [GeometryController],
  providers: [BoundaryUploadInterceptor],
})
export class GeometryModule {}
