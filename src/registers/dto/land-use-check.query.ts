import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class LandUseCheckQuery {
  @ApiProperty({ description: '地块 ID' })
  @IsUUID('all', { message: 'plotId 必须是地块 ID（UUID）' })
  plotId: string;

  @ApiProperty({ description: 'GB 50137 用地名称（如 住宅、工业用地）、用地类别 1 或 2，或“风险管控和修复工程”', example: '住宅' })
  @IsString({ message: 'use 必须是用途名称' })
  @Length(1, 100, { message: 'use 长度应为 1–100 个字符' })
  use: string;
}
