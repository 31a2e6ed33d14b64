import { Module } from '@nestjs/common';

/** Boundaries as surveys deliver them: 界址点 lists, Shapefiles and GeoJSON, converted to lon/lat on CGCS2000. */
@Module({})
export class GeometryModule {}
