import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { JurisdictionLevel, Role } from '../../workflows';
import { ROLE_LABELS } from '../common/labels/roles';

export type OrganisationKind = Role;

export { ROLE_LABELS };

/** 省级, 市级, 区县级: the levels of government as a person reads them. */
export const LEVEL_LABELS: Record<JurisdictionLevel, string> = {
  province: '省级',
  city: '市级',
  district: '区县级',
};

/**
 * 行政区划 by its administrative division code. Jurisdictions form a tree by code
 * (410000 河南省 → 410100 郑州市 → 410106 上街区): the parent is the nearest one above.
 */
@Entity('jurisdictions')
export class Jurisdiction {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The nearest jurisdiction above, an ancestor by code (null at the top, or when none above is registered). */
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  /** Derived from the code by the database (a generated column): 410000 province, 410100 city, 410106 district. */
  @Column({ type: 'varchar', length: 16, insert: false, update: false })
  level: JurisdictionLevel;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganisationKind;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 12, nullable: true })
  jurisdictionCode: string | null;

  /** A bureau's level of government, derived by the database from its jurisdiction's code; null for every other kind. */
  @Column({ type: 'varchar', length: 16, nullable: true, insert: false, update: false })
  level: JurisdictionLevel | null;

  /** 简称 used in filing numbers, e.g. 上环 in 上环土备〔2026〕0007号. */
  @Column({ name: 'short_name', type: 'varchar', length: 16, nullable: true })
  shortName: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Raised on disable or password reset: tokens carrying an older value stop working. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('admin_changes')
export class AdminChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
