import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { keyIndustries } from './key-unit-reference';

/**
 * The key industries a unit is listed under (reference/key-unit-industries.json, 上政文〔2017〕147号 三（一）1), for
 * the console's listing form. Registered before KeyUnitsController, whose GET :id would take 'industries' for an id.
 */
@ApiTags('key-units')
@ApiBearerAuth()
@Controller('key-units/industries')
export class KeyUnitIndustriesController {
  @Get()
  @Roles('eeb', 'land', 'miit', 'holder', 'admin')
  list() {
    return { items: keyIndustries().map((i) => ({ code: i.code, name: i.name })) };
  }
}
