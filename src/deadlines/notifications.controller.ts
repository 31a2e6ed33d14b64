import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentUser, type Principal } from '../auth/principal';

/** What the deadline job recorded for the caller: its bureau's jurisdiction, or its own organisation as holder. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  async list(@CurrentUser() me: Principal) {
    const params: unknown[] = [];
    let where = 'FALSE';
    if (me.role === 'admin') where = 'TRUE';
    if (me.role === 'eeb' || me.role === 'land') {
      params.push(me.jurisdictionCode);
      where = `n.jurisdiction_code = $1`;
    }
    if (me.role === 'holder') {
      params.push(me.organisationId);
      where = `n.holder_organisation_id = $1`;
    }
    const rows = await this.ds.query(
      `SELECT n.id, n.deadline_id AS "deadlineId", n.status, n.plot_id AS "plotId", n.transport_id AS "transportId",
              n.message, n.created_at AS "createdAt", d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM notifications n JOIN deadlines d ON d.id = n.deadline_id
        WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT 200`,
      params,
    );
    return { items: rows.map((r: { id: string | number }) => ({ ...r, id: String(r.id) })) };
  }
}
