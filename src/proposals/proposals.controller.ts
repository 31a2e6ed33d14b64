import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { contentDisposition } from '../evidence/file-name';
import { ConfirmProposalDto, DismissProposalDto } from './dto/decide-proposal.dto';
import { ListListsQuery, ListProposalsQuery } from './dto/list-proposals.query';
import { UploadListDto } from './dto/upload-list.dto';
import { DistrictBureauGuard } from './district-bureau.guard';
import { listTemplate } from './list-template';
import { ListUploadInterceptor, type StagedUpload } from './list-upload.interceptor';
import { ProposalDecisionsService } from './proposal-decisions.service';
import { ProposalsService } from './proposals.service';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly decisions: ProposalDecisionsService,
  ) {}

  /** 工信 closures, relocations, bankruptcies; 自然资源 quarterly parcels to be taken back or supplied (issue 18). */
  @Post('proposal-lists')
  @Roles('miit', 'land')
  @UseGuards(DistrictBureauGuard)
  @UseInterceptors(ListUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, quarter: { type: 'string', example: '2026Q4' } } } })
  upload(@CurrentUser() me: Principal, @Req() req: { file?: StagedUpload }, @Body() fields: UploadListDto) {
    return this.proposals.upload(me, req.file, fields);
  }

  @Get('proposal-lists')
  @Roles('eeb', 'land', 'miit', 'admin')
  lists(@CurrentUser() me: Principal, @Query() q: ListListsQuery) {
    return this.proposals.lists(me, q);
  }

  /** The template of the caller's own list (a 工信 officer's has no 拟供用途 column). */
  @Get('proposal-lists/template.xlsx')
  @Roles('eeb', 'land', 'miit', 'admin')
  async template(@CurrentUser() me: Principal, @Res() res: Response) {
    const source = me.role === 'miit' ? 'miit_closures' : 'land_quarterly';
    const body = await listTemplate(this.proposals.ref, source);
    const name = source === 'miit_closures' ? '关闭搬迁破产企业清单模板.xlsx' : '季度收回供应地块清单模板.xlsx';
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', contentDisposition('attachment', `${source}-template.xlsx`, name));
    res.send(body);
  }

  @Get('proposals')
  @Roles('eeb', 'land', 'miit', 'admin')
  list(@CurrentUser() me: Principal, @Query() q: ListProposalsQuery) {
    return this.proposals.list(me, q);
  }

  @Get('proposals/:id')
  @Roles('eeb', 'land', 'miit', 'admin')
  get(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.proposals.get(me, id);
  }

  @Post('proposals/:id/confirm')
  @HttpCode(201)
  @Roles('eeb')
  @UseGuards(DistrictBureauGuard)
  confirm(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: ConfirmProposalDto) {
    return this.decisions.confirm(me, id, body);
  }

  @Post('proposals/:id/dismiss')
  @HttpCode(200)
  @Roles('eeb')
  @UseGuards(DistrictBureauGuard)
  dismiss(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: DismissProposalDto) {
    return this.decisions.dismiss(me, id, body);
  }
}
