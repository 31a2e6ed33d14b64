import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURRENT_VERSION, eventTypesOf, getMachine, toMermaid, type MachineName } from '../../workflows';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { AuditVerifier } from './audit-verifier';

@ApiTags('workflows')
@Controller()
export class EngineController {
  constructor(private readonly verifier: AuditVerifier) {}

  /**
   * Recomputes the audit chains and names the first broken link: an
   * administrator every chain (with the upgrade seal and the daily digests),
   * a bureau the chains of the plots in its jurisdiction and of their transports.
   */
  @Get('audit/verify')
  @ApiBearerAuth()
  @Roles('admin', 'eeb', 'land')
  verify(@CurrentUser() me: Principal) {
    return this.verifier.verify(me);
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
