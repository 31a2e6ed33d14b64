import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { contentDisposition, digestFileName } from '../evidence/file-name';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('plots/:plotId/documents')
  @ApiBearerAuth()
  forPlot(@CurrentUser() me: Principal, @Param('plotId', UuidParam) plotId: string) {
    return this.documents.forPlot(me, plotId);
  }

  /** The documents of a soil transport (D10 污染土壤转运报告), for the transport's bureaus and holder. */
  @Get('transports/:transportId/documents')
  @ApiBearerAuth()
  forTransport(@CurrentUser() me: Principal, @Param('transportId', UuidParam) transportId: string) {
    return this.documents.forTransport(me, transportId);
  }

  /** Public for documents published by nature (notices, notice boards, removal decisions); otherwise as the plot. */
  @Public()
  @Get('documents/:id/pdf')
  async pdf(@CurrentUser() me: Principal | undefined, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    const { doc, stream } = await this.documents.pdf(me, id);
    res.setHeader('Content-Type', 'application/pdf');
    // The number is Chinese: a plain ASCII name for old clients beside it, both built here.
    res.setHeader('Content-Disposition', contentDisposition('inline', digestFileName(doc.kind, doc.pdfSha256), `${doc.number}.pdf`));
    res.setHeader('X-Content-SHA256', doc.pdfSha256);
    res.setHeader('X-Filing-Digest', doc.digest);
    return new StreamableFile(stream);
  }

  /** Is this document genuine? By the digest printed on it (or the SHA-256 of the PDF file). No login. */
  @Public()
  @Get('public/verify/:sha256')
  verify(@Param('sha256') sha256: string) {
    return this.documents.verify(sha256.toLowerCase());
  }
}
