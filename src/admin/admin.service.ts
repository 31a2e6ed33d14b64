import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { DirectoryRepository } from '../organisations/directory.repository';
import type { Role } from '../../workflows';
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
const ROLE_ORG_KIND: Record<Role, Role> = { eeb: 'eeb', land: 'land', holder: 'holder', consultant: 'consultant', expert: 'expert', admin: 'admin' };

@Injectable()
export class AdminService {
  constructor(private readonly directory: DirectoryRepository) {}

  createJurisdiction(actor: Principal, dto: CreateJurisdictionDto): Promise<Jurisdiction> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.createJurisdiction(em, { code: dto.code, name: dto.name });
      await this.record(em, actor, 'create', 'jurisdiction', row.code, { ...dto });
      return row;
    });
  }

  updateJurisdiction(actor: Principal, code: string, dto: UpdateJurisdictionDto): Promise<Jurisdiction> {
    return this.directory.transaction(async (em) => {
      const row = await this.directory.findJurisdiction(code, em);
      if (!row) throw new NotFoundError(`行政区划 ${code} 不存在`);
      Object.assign(row, dto);
      await this.directory.saveJurisdiction(em, row);
      await this.record(em, actor, 'update', 'jurisdiction', code, { ...dto });
      return row;
    });
  }

  createOrganisation(actor: Principal, dto: CreateOrganisationDto): Promise<Organisation> {
    return this.directory.transaction(async (em) => {
      const bureau = dto.kind === 'eeb' || dto.kind === 'land';
      if (bureau && !dto.jurisdictionCode) {
        throw new ValidationFailedError([{ field: 'jurisdictionCode', message: '生态环境局、自然资源局必须指定行政区划' }]);
      }
      if (dto.jurisdictionCode && !(await this.directory.findJurisdiction(dto.jurisdictionCode, em))) {
        throw new ValidationFailedError([{ field: 'jurisdictionCode', message: `行政区划 ${dto.jurisdictionCode} 不存在` }]);
      }
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

  private record(em: EntityManager, actor: Principal, action: string, entity: string, entityId: string, details: Record<string, unknown>) {
    return this.directory.recordChange(em, { actorUserId: actor.userId, action, entity, entityId, details });
  }
}

/** Every password an administrator sets passes the policy (auth/password-policy.ts); the refusal names the field. */
function assertPasswordPolicy(password: string, username: string) {
  const problem = passwordProblem(password, username);
  if (problem) throw new ValidationFailedError([{ field: 'password', message: problem }]);
}
