import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError, type FieldError } from '../common/errors';
import { jurisdictionCovers } from '../common/jurisdiction';
import { DirectoryRepository } from '../organisations/directory.repository';
import type { Role } from '../../workflows';
import { LEVEL_LABELS } from '../organisations/organisation.entity';
import type { Jurisdiction, Organisation, User } from '../organisations/organisation.entity';
import type {
  CreateJurisdictionDto,
  CreateOrganisationDto,
  CreateUserDto,
  UpdateJurisdictionDto,
  UpdateOrganisationDto,
  UpdateUserDto,
} from './dto/admin.dto';

/** Which organisation kinds a user of each role may belong to. */
const ROLE_ORG_KIND: Record<Role, Role> = { eeb: 'eeb', land: 'land', miit: 'miit', holder: 'holder', consultant: 'consultant', expert: 'expert', admin: 'admin' };

@Injectable()
export class AdminService {
  constructor(private readonly directory: DirectoryRepository) {}

  /**
   * A jurisdiction under its parent: the one named, which must be registered and an ancestor by code
   * (410106 under 410100 or 410000, DESIGN §1.1), or else the nearest registered ancestor. Its level
   * follows from the code.
   */
  createJurisdiction(actor: Principal, dto: CreateJurisdictionDto): Promise<Jurisdiction> {
    return this.directory.transaction(async (em) => {
      const parentCode = dto.parentCode ?? (await this.directory.nearestAncestor(em, dto.code));
      if (dto.parentCode !== undefined) await this.assertParent(em, dto.code, dto.parentCode);
      const row = await this.directory.createJurisdiction(em, { code: dto.code, name: dto.name, parentCode });
      await this.record(em, actor, 'create', 'jurisdiction', row.code, { ...dto, parentCode });
      return row;
    });
  }

  updateJurisdiction(actor: Principal, code: string, dto: UpdateJurisdictionDto): Promise<Jurisdiction> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.findJurisdiction(code, em);
      if (!row) throw new NotFoundError(`行政区划 ${code} 不存在`);
      if (dto.parentCode !== undefined) await this.assertParent(em, code, dto.parentCode);
      Object.assign(row, dto);
      await this.directory.saveJurisdiction(em, row);
      await this.record(em, actor, 'update', 'jurisdiction', code, { ...dto });
      return row;
    });
  }

  /**
   * A bureau (生态环境, 自然资源) needs a registered jurisdiction and takes its level from it
   * (DESIGN §1.1): a level sent with the request must agree; other kinds have none.
   */
  createOrganisation(actor: Principal, dto: CreateOrganisationDto): Promise<Organisation> {
    return this.directory.transaction(async (em) => {
      const bureau = dto.kind === 'eeb' || dto.kind === 'land';
      const errors: FieldError[] = [];
      const jurisdiction = dto.jurisdictionCode ? await this.directory.findJurisdiction(dto.jurisdictionCode, em) : null;
      if (bureau && !dto.jurisdictionCode) errors.push({ field: 'jurisdictionCode', message: '生态环境局、自然资源局必须指定行政区划' });
      if (dto.jurisdictionCode && !jurisdiction) errors.push({ field: 'jurisdictionCode', message: `行政区划 ${dto.jurisdictionCode} 不存在` });
      if (dto.level !== undefined && !bureau) {
        errors.push({ field: 'level', message: '只有生态环境局、自然资源局有层级' });
      } else if (dto.level !== undefined && jurisdiction && dto.level !== jurisdiction.level) {
        errors.push({
          field: 'level',
          message: `机构层级应与行政区划一致：${jurisdiction.name}为${LEVEL_LABELS[jurisdiction.level]}，不是${LEVEL_LABELS[dto.level]}`,
        });
      }
      if (errors.length) throw new ValidationFailedError(errors);
      const row = await this.directory.createOrganisation(em, {
        name: dto.name,
        kind: dto.kind,
        jurisdictionCode: dto.jurisdictionCode ?? null,
        shortName: dto.shortName ?? null,
      });
      await this.record(em, actor, 'create', 'organisation', row.id, { ...dto });
      return row;
    });
  }

  updateOrganisation(actor: Principal, id: string, dto: UpdateOrganisationDto): Promise<Organisation> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.findOrganisation(id, em);
      if (!row) throw new NotFoundError(`机构 ${id} 不存在`);
      Object.assign(row, dto);
      await this.directory.saveOrganisation(em, row);
      await this.record(em, actor, dto.disabled === true ? 'disable' : 'update', 'organisation', id, { ...dto });
      return row;
    });
  }

  createUser(actor: Principal, dto: CreateUserDto): Promise<User> {
    return this.directory.transaction(async (em) => {
      assertPasswordPolicy(dto.password, dto.username);
      const org = await this.directory.findOrganisation(dto.organisationId, em);
      if (!org) throw new ValidationFailedError([{ field: 'organisationId', message: '机构不存在' }]);
      if (ROLE_ORG_KIND[dto.role] !== org.kind) {
        throw new ValidationFailedError([{ field: 'role', message: `角色 ${dto.role} 与机构类型 ${org.kind} 不符` }]);
      }
      const passwordHash = await hashPassword(dto.password);
      const { password: _omit, ...rest } = dto;
      const id = await this.directory.createUser(em, { ...rest, passwordHash });
      await this.record(em, actor, 'create', 'user', id, { username: dto.username, role: dto.role, organisationId: dto.organisationId });
      return (await this.directory.findUser(id, em))!;
    });
  }

  updateUser(actor: Principal, id: string, dto: UpdateUserDto): Promise<User> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.findUser(id, em);
      if (!row) throw new NotFoundError(`用户 ${id} 不存在`);
      const disabling = dto.disabled === true && !row.disabled;
      Object.assign(row, dto);
      // A disabled user's tokens stop working at once.
      if (disabling) row.tokenVersion += 1;
      await this.directory.saveUser(em, row);
      await this.record(em, actor, disabling ? 'disable' : 'update', 'user', id, { ...dto });
      return row;
    });
  }

  resetPassword(actor: Principal, id: string, password: string): Promise<void> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.findUser(id, em);
      if (!row) throw new NotFoundError(`用户 ${id} 不存在`);
      assertPasswordPolicy(password, row.username);
      const passwordHash = await hashPassword(password);
      await this.directory.setPassword(em, id, passwordHash, row.tokenVersion + 1);
      // The password itself is never recorded.
      await this.record(em, actor, 'reset-password', 'user', id, {});
    });
  }

  /** The parent of a jurisdiction is registered and lies above it by code. */
  private async assertParent(em: EntityManager, code: string, parentCode: string): Promise<void> {
    if (parentCode === code || !jurisdictionCovers(parentCode, code)) {
      throw new ValidationFailedError([{ field: 'parentCode', message: `上级行政区划 ${parentCode} 不是 ${code} 的上级（行政区划代码按前缀逐级包含）` }]);
    }
    if (!(await this.directory.findJurisdiction(parentCode, em))) {
      throw new ValidationFailedError([{ field: 'parentCode', message: `上级行政区划 ${parentCode} 不存在` }]);
    }
  }

  private record(em: EntityManager, actor: Principal, action: string, entity: string, entityId: string, details: Record<string, unknown>) {
    return this.directory.recordChange(em, { actorUserId: actor.userId, action, entity, entityId, details });
  }
}

/** Every password an administrator sets passes the policy (auth/password-policy.ts); the refusal names the field. */
function assertPasswordPolicy(password: string, username: string) {
  const problem = passwordProblem(password, username);
  if (problem) throw new ValidationFailedError([{ field: 'password', message: problem }]);
}
