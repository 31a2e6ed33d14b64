import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { DATE, DATE_MESSAGE, EventEnvelope, NoEventPayload, ReasonDto } from '../../engine/dto/plot-events.dto';
const TONNES = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };
/** Numbers of documents (联单, 许可证) are compared and printed without surrounding blanks. */
const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** 转运计划 (土壤法 art. 41): time, method, route, quantity, destination and final disposal. */
export class SubmitTransportDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  plannedStart: string;

  @IsString({ message: '运输方式必须是字符串' }) @Length(1, 200, { message: '运输方式长度应为 1–200 个字符' })
  method: string;

  @IsString({ message: '运输路线必须是字符串' }) @Length(1, 2000, { message: '运输路线长度应为 1–2000 个字符' })
  route: string;

  @IsString({ message: '承运单位必须是字符串' }) @Length(1, 200, { message: '承运单位长度应为 1–200 个字符' })
  carrier: string;

  @IsArray({ message: '车辆必须是车牌号数组' })
  @ArrayMinSize(1, { message: '至少填写一辆运输车辆' })
  @ArrayMaxSize(200, { message: '车辆最多 200 辆' })
  @IsString({ each: true, message: '每辆车须填写车牌号' })
  @Length(1, 50, { each: true, message: '车牌号长度应为 1–50 个字符' })
  vehicles: string[];

  @IsNumber(TONNES, { message: '转运量必须是数值（吨，最多 3 位小数）' })
  @Min(0.001, { message: '转运量必须大于 0' })
  @Max(10_000_000, { message: '转运量不超过 10000000 吨' })
  quantityT: number;

  @IsString({ message: '接收单位必须是字符串' }) @Length(1, 200, { message: '接收单位长度应为 1–200 个字符' })
  destinationFacility: string;

  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '接收地行政区划代码应为 6 位（或 9–12 位）数字' })
  destinationJurisdiction: string;

  @IsString({ message: '最终处置方式必须是字符串' }) @Length(1, 500, { message: '最终处置方式长度应为 1–500 个字符' })
  finalDisposal: string;

  @IsBoolean({ message: 'hazardousWaste 必须是布尔值（是否属于危险废物）' })
  hazardousWaste: boolean;

  /** 危险废物经营许可证编号 of the receiver; a hazardous plan without it is refused by the machine (422 hazardousReceiverLicensed). */
  @IsOptional()
  @Trimmed()
  @IsString({ message: '危险废物经营许可证编号必须是字符串' })
  @Length(1, 100, { message: '危险废物经营许可证编号长度应为 1–100 个字符（不计首尾空格）' })
  receiverLicenceNo?: string;
}

/** 第几批: a positive integer, unique in the plan; omitted on DISPATCH, the next one. */
class BatchNumbered extends EventEnvelope {
  @IsOptional()
  @IsInt({ message: '批次号必须是整数' })
  @Min(1, { message: '批次号至少为 1' })
  @Max(9999, { message: '批次号不超过 9999' })
  batchNo?: number;
}

export class DispatchDto extends BatchNumbered {
  @Trimmed()
  @IsString({ message: '联单号必须是字符串' }) @Length(1, 100, { message: '联单号长度应为 1–100 个字符' })
  manifestNo: string;

  /** 危险废物转移联单编号; a batch of a hazardous plan without it is refused by the machine (422 hazardousManifestGiven). */
  @IsOptional()
  @Trimmed()
  @IsString({ message: '危险废物转移联单编号必须是字符串' })
  @Length(1, 100, { message: '危险废物转移联单编号长度应为 1–100 个字符（不计首尾空格）' })
  hazardousManifestNo?: string;

  @IsNumber(TONNES, { message: '发运量必须是数值（吨，最多 3 位小数）' })
  @Min(0.001, { message: '发运量必须大于 0' })
  @Max(10_000_000, { message: '发运量不超过 10000000 吨' })
  quantityT: number;
}

export class RecordReceiptDto extends BatchNumbered {
  @IsNumber(TONNES, { message: '接收量必须是数值（吨，最多 3 位小数）' })
  @Min(0, { message: '接收量不能为负' })
  @Max(10_000_000, { message: '接收量不超过 10000000 吨' })
  quantityT: number;

  @IsUUID('all', { message: 'receiptReportId 必须是已上传的“转运接收证明”报告 ID（UUID）' })
  receiptReportId: string;
}

export class ExplanationDto extends BatchNumbered {
  @IsString({ message: '核查结论必须是字符串' })
  @Length(1, 4000, { message: '核查结论长度应为 1–4000 个字符' })
  explanation: string;
}

/** The client payload of each soil-transport event (enrichment fields are never accepted from clients). */
export const TRANSPORT_EVENT_DTOS: Record<string, new () => EventEnvelope> = {
  SUBMIT: SubmitTransportDto,
  ACKNOWLEDGE: NoEventPayload,
  OBJECT: ReasonDto,
  DISPATCH: DispatchDto,
  RECORD_RECEIPT: RecordReceiptDto,
  RESOLVE: ExplanationDto,
  COMPLETE: NoEventPayload,
  CANCEL: ReasonDto,
};
