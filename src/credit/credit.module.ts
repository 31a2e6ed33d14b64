import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { CreditRepositoryModule } from './credit-repository.module';
import { FindingUploadInterceptor } from './credit-upload.interceptor';
import { CreditController } from './credit.controller';
import { CreditService } from './credit.service';

@Module({
  imports: [CreditRepositoryModule, ReportsModule],
  controllers: [CreditController],
  providers: [CreditService, FindingUploadInterceptor],
})
export class CreditModule {}
