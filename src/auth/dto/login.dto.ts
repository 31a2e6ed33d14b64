import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { JURISDICTION_LEVELS, ROLES } from '../../../workflows';

export class LoginDto {
  @ApiProperty({ example: 'eeb' })
  @IsString({ message: '用户名必须是字符串' })
  @Length(1, 64, { message: '用户名长度应为 1–64 个字符' })
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString({ message: '密码必须是字符串' })
  @Length(1, 256, { message: '密码长度应为 1–256 个字符' })
  password: string;
}

export class LoginUserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: String }) jurisdictionCode: string | null;
  @ApiProperty({ nullable: true, enum: JURISDICTION_LEVELS, description: '机构层级（省、市、区县），仅生态环境局、自然资源局有' }) level: string | null;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: LoginUserView }) user: LoginUserView;
}
