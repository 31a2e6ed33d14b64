import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../auth/password-policy';
import { JURISDICTION_LEVELS, ROLES, type JurisdictionLevel, type Role } from '../../../workflows';

const CODE = /^[0-9]{6}([0-9]{3,6})?$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const PASSWORD_RULES = `至少 ${MIN_PASSWORD_LENGTH} 个字符；不能全是空白或同一个字符重复，不能包含用户名，不能是常见密码（reference/common-passwords.tsv）`;

/** May be left out, but not sent as null: the column behind it is NOT NULL (IsOptional would let null through). */
const OptionalNotNull = () => ValidateIf((_dto, value) => value !== undefined);

export class CreateJurisdictionDto {
  @ApiProperty({ example: '410106', description: '行政区划代码' })
  @Matches(CODE, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  code: string;

  @ApiProperty({ example: '郑州市上街区' })
  @IsString() @Length(1, 100, { message: '名称长度应为 1–100 个字符' })
  name: string;

  @ApiPropertyOptional({ example: '410100', description: '上级行政区划代码：须已登记，且按代码包含本行政区划；不填则为已登记的最近上级' })
  @IsOptional() @Matches(CODE, { message: '上级行政区划代码应为 6 位（或 9–12 位）数字' })
  parentCode?: string;
}

export class UpdateJurisdictionDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 100, { message: '名称长度应为 1–100 个字符' })
  name?: string;

  @ApiPropertyOptional({ description: '上级行政区划代码：须已登记，且按代码包含本行政区划' })
  @OptionalNotNull() @Matches(CODE, { message: '上级行政区划代码应为 6 位（或 9–12 位）数字' })
  parentCode?: string;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean({ message: 'disabled 必须是布尔值' })
  disabled?: boolean;
}

export class CreateOrganisationDto {
  @ApiProperty() @IsString() @Length(1, 200, { message: '名称长度应为 1–200 个字符' })
  name: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[], { message: `kind 必须是 ${ROLES.join('、')} 之一` })
  kind: Role;

  @ApiPropertyOptional({ description: '行政区划代码（生态环境局、自然资源局必填）' })
  @IsOptional() @Matches(CODE, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdictionCode?: string;

  @ApiPropertyOptional({ description: '发文简称，用于文号，如“上环”' })
  @IsOptional() @IsString() @Length(1, 16, { message: '简称长度应为 1–16 个字符' })
  shortName?: string;

  @ApiPropertyOptional({ enum: JURISDICTION_LEVELS, description: '层级由行政区划代码决定；填写时须与之一致（仅生态环境局、自然资源局）' })
  @IsOptional() @IsIn(JURISDICTION_LEVELS as unknown as string[], { message: `level 必须是 ${JURISDICTION_LEVELS.join('、')} 之一` })
  level?: JurisdictionLevel;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200, { message: '名称长度应为 1–200 个字符' })
  name?: string;

  @ApiPropertyOptional({ description: '发文简称，用于文号' })
  @IsOptional() @IsString() @Length(1, 16, { message: '简称长度应为 1–16 个字符' })
  shortName?: string;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean({ message: 'disabled 必须是布尔值' })
  disabled?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'eeb2' })
  @Matches(USERNAME, { message: '用户名为 2–64 位小写字母、数字、点、下划线或连字符' })
  username: string;

  @ApiProperty() @IsString() @Length(1, 100, { message: '姓名长度应为 1–100 个字符' })
  displayName: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[], { message: `role 必须是 ${ROLES.join('、')} 之一` })
  role: Role;

  @ApiProperty() @IsUUID('all', { message: 'organisationId 必须是机构 ID（UUID）' })
  organisationId: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256, description: PASSWORD_RULES })
  @IsString({ message: '密码必须是字符串' }) @Length(MIN_PASSWORD_LENGTH, 256, { message: `密码长度应为 ${MIN_PASSWORD_LENGTH}–256 个字符` })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 100, { message: '姓名长度应为 1–100 个字符' })
  displayName?: string;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean({ message: 'disabled 必须是布尔值' })
  disabled?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256, description: PASSWORD_RULES })
  @IsString({ message: '密码必须是字符串' }) @Length(MIN_PASSWORD_LENGTH, 256, { message: `密码长度应为 ${MIN_PASSWORD_LENGTH}–256 个字符` })
  password: string;
}
