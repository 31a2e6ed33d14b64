import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DeadlineKind } from '../deadlines/deadline-rules';
import { subtreePattern } from '../organisations/jurisdiction-subtree';

export interface RegisterMoveRow {
  code: string;
  name: string;
  from: string | null;
  to: string;
  at: string;
  /** The land class the removal permits (the plot's context), when it states one. */
  permitted: number | null;
}

export interface ClosedTransportRow {
  code: string;
  /** the batch's ordinal among the plot's transports */
  number: number;
  facility: string | null;
  destination: string | null;
  quantity: number;
}

export interface DueDeadlineRow {
  code: string;
  kind: DeadlineKind;
  dueDate: string;
  closedAt: string | null;
}

/**
 * The annual progress report's query (D14): a report over several tables,
 * read only — the audit log, plots, transports and deadlines, each written by
 * its own repository. All instants are bounds in China Standard Time. A jurisdiction's
 * figures cover its subtree: a city's aggregate its districts' (D14, DESIGN §4).
 */
@Injectable()
export class AnnualFiguresRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Each plot's state as of an instant: the state its last audit row before then left it in. */
  plotStatesAt(code: string, before: string, em: EntityManager = this.ds.manager): Promise<Array<{ state: string }>> {
    return em.query(
      `SELECT DISTINCT ON (a.entity_id) a.to_state AS state
         FROM audit_log a JOIN plots p ON p.id = a.entity_id
        WHERE a.entity_type = 'plot' AND p.jurisdiction_code LIKE $1 AND a.at < $2
        ORDER BY a.entity_id, a.seq DESC`,
      [subtreePattern(code), before],
    );
  }

  /** The steps in [from, to) that took a plot onto the register or off it, oldest first. */
  registerMoves(code: string, from: string, to: string, em: EntityManager = this.ds.manager): Promise<RegisterMoveRow[]> {
    return em.query(
      `SELECT p.code, p.name, a.from_state AS "from", a.to_state AS "to", a.at,
              (p.snapshot->'context'->>'permittedLandClass')::int AS permitted
         FROM audit_log a JOIN plots p ON p.id = a.entity_id
        WHERE a.entity_type = 'plot' AND p.jurisdiction_code LIKE $1 AND a.at >= $2 AND a.at < $3
          AND ((a.to_state LIKE 'listed.%') <> (coalesce(a.from_state, '') LIKE 'listed.%'))
        ORDER BY a.at, p.code`,
      [subtreePattern(code), from, to],
    );
  }

  /** The transports from the jurisdiction closed in [from, to), with the quantity received. */
  closedTransports(code: string, from: string, to: string, em: EntityManager = this.ds.manager): Promise<ClosedTransportRow[]> {
    return em.query(
      `SELECT p.code,
              (SELECT count(*) FROM transports b WHERE b.plot_id = t.plot_id AND (b.created_at, b.id) <= (t.created_at, t.id))::int AS number,
              t.snapshot->'context'->'details'->>'destinationFacility' AS facility, dj.name AS destination,
              (t.snapshot->'context'->'receipt'->>'quantityT')::float8 AS quantity
         FROM audit_log a JOIN transports t ON t.id = a.entity_id JOIN plots p ON p.id = t.plot_id
         LEFT JOIN jurisdictions dj ON dj.code = t.destination_jurisdiction
        WHERE a.entity_type = 'transport' AND a.to_state = 'closed' AND a.from_state <> 'closed'
          AND t.origin_jurisdiction LIKE $1 AND a.at >= $2 AND a.at < $3
        ORDER BY a.at, p.code`,
      [subtreePattern(code), from, to],
    );
  }

  /** The deadlines of the jurisdiction's plots due between two dates (inclusive), with when each was closed. */
  deadlinesDue(code: string, firstDay: string, lastDay: string, em: EntityManager = this.ds.manager): Promise<DueDeadlineRow[]> {
    return em.query(
      `SELECT p.code, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.closed_at AS "closedAt"
         FROM deadlines d JOIN plots p ON p.id = d.plot_id
        WHERE p.jurisdiction_code LIKE $1 AND d.due_date >= $2::date AND d.due_date <= $3::date
        ORDER BY d.due_date, p.code`,
      [subtreePattern(code), firstDay, lastDay],
    );
  }
}
