import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { ValidationFailedError } from '../common/errors';
import type { StagedFile } from '../reports/upload-staging';
import { BOUNDARY_FORMATS, importBoundaryFile } from './boundary-import';
import { JurisdictionBoundariesService } from '../map/jurisdiction-boundaries.service';
import { BoundaryUploadInterceptor } from './boundary-upload.interceptor';
import { BoundaryImportDto } from './dto/boundary-import.dto';

@ApiTags('geometry')
@ApiBearerAuth()
@Controller('geometry')
export class GeometryController {
  constructor(private readonly jurisdictions: JurisdictionBoundariesService) {}

  /** A boundary file as surveys deliver it → a checked GeoJSON Polygon in lon/lat (CGCS2000); nothing is stored. */
  @Post('boundary')
  @HttpCode(200)
  @Roles('eeb', 'land', 'holder', 'admin')
  @UseInterceptors(BoundaryUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'Shapefile ZIP (.shp .shx .dbf .prj), GeoJSON, or 界址点 list (点号, X, Y)' },
        format: { type: 'string', enum: [...BOUNDARY_FORMATS] },
        zone: { type: 'integer', description: '3-degree zone, e.g. 38' },
        centralMeridian: { type: 'integer', description: 'e.g. 114' },
        declaredAreaM2: { type: 'number' },
        jurisdiction: { type: 'string', description: '行政区划代码，e.g. 410106' },
      },
    },
  })
  async importBoundary(@UploadedFile() file: StagedFile | undefined, @Body() body: BoundaryImportDto) {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少边界文件（字段 file）' }]);
    const result = await importBoundaryFile(file.path, body);
    // Outside the jurisdiction's boundary is a warning here; registration refuses a boundary wholly outside.
    if (!body.jurisdiction) return result;
    return { ...result, warnings: [...result.warnings, ...(await this.jurisdictions.warnings(body.jurisdiction, result.polygon))] };
  }
}
