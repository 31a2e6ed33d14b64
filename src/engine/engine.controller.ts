import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURRENT_VERSION, eventTypesOf, getMachine, toMermaid, type MachineName } from '../../workflows';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { AuditVerifier } from './audit-verifier';
import { AuditVerifyQuery } from './dto/audit-verify.query';

@ApiTags('workflows')
@Controller()
export class EngineController {
  constructor(private readonly verifier: AuditVerifier) {}

  /**
   * Recomputes the audit chains and names the first broken link: an
   * administrator every chain (with the upgrade seal and the daily digests),
   * a bureau the chains of the plots in its jurisdiction and of their transports;
   * with plotId or keyUnitId, that one plot's (and its transports') or key unit's chain, if the caller may see it.
   */
  @Get('audit/verify')
  @ApiBearerAuth()
  @Roles('admin', 'eeb', 'land')
  async verify(@CurrentUser() me: Principal, @Query() q: AuditVerifyQuery) {
    if (q.plotId && q.keyUnitId) {
      throw new ValidationFailedError([{ field: 'keyUnitId', message: '一次只能核验一个地块或一个重点监管单位' }], '一次只能核验一个地块或一个重点监管单位');
    }
    if (!q.plotId && !q.keyUnitId) return this.verifier.verify(me);
    const focus = q.plotId ? { plotId: q.plotId } : { keyUnitId: q.keyUnitId! };
    const result = await this.verifier.verifyOne(me, focus);
    if (!result) throw new NotFoundError(q.plotId ? '没有这个地块，或您无权查看' : '没有这个重点监管单位，或您无权查看');
    return result;
  }

  /** A workflow definition: states with their labels, events with who may send them, and its Mermaid diagram. */
  @Public()
  @Get('workflows/:name')
  workflow(@Param('name') name: string) {
    // Own keys only: 'constructor' or 'hasOwnProperty' name no workflow.
    if (!Object.hasOwn(CURRENT_VERSION, name)) throw new NotFoundError(`没有名为 ${name} 的流程`);
    const version = CURRENT_VERSION[name as MachineName];
    const def = getMachine(name, version);
    const states = collectStates(def.machine.root as unknown as StateNodeLike).map((path) => ({
      path,
      label: def.stateLabel(path),
      description: findDescription(def.machine.root as unknown as StateNodeLike, path),
    }));
    const events = eventTypesOf(def.machine).map((type) => ({ type, label: def.eventLabel(type), policy: def.policy[type] }));
    return { name, version, states, events, mermaid: toMermaid(def.machine), definition: def.machine.definition };
  }
}

interface StateNodeLike {
  key: string;
  description?: string;
  states: Record<string, StateNodeLike>;
}

function collectStates(node: StateNodeLike, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.states)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path, ...collectStates(child, path));
  }
  return out;
}

function findDescription(root: StateNodeLike, path: string): string | undefined {
  let node: StateNodeLike | undefined = root;
  for (const key of path.split('.')) node = node?.states[key];
  return node?.description;
}
