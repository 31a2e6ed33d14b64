import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../setup/real-postgres';

/**
 * A primary and a streaming-replication standby from Debian's binaries: pg_basebackup -R,
 * synchronous_standby_names on the primary so that a commit returns only once the standby
 * has it on disk, durable settings (fsync on) on both.
 */
export interface ReplicatedPair {
  primaryPort: number;
  standbyPort: number;
  /** SIGKILL to the primary's postmaster: no shutdown checkpoint, its backends die with it. */
  killPrimary(): void;
  /** pg_ctl promote -w: the standby leaves recovery and accepts writes. */
  promoteStandby(): void;
  stop(): void;
}

const STANDBY_NAME = 'standby1';

export async function startReplicatedPair(pgBin: string): Promise<ReplicatedPair> {
  const dir = mkdtempSync(join(tmpdir(), 'plots-ha-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(pgBin, cmd), ...args]] : [join(pgBin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const common = `-c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200 -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on`;
  const start = (data: string, opts: string) => run('pg_ctl', ['-D', data, '-l', join(data, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);

  run('initdb', ['-D', primary, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  start(primary, `-p ${primaryPort} ${common} -c synchronous_commit=on -c synchronous_standby_names=${STANDBY_NAME}`);
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream', '-c', 'fast']);
  // -R wrote standby.signal and a primary_conninfo; this one names the standby, so that the primary waits for it.
  appendFileSync(join(standby, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=${STANDBY_NAME}'\n`);
  start(standby, `-p ${standbyPort} ${common}`);

  const postmasterPid = (data: string) => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const primaryPid = postmasterPid(primary);
  let primaryDead = false;
  return {
    primaryPort,
    standbyPort,
    killPrimary() {
      process.kill(primaryPid, 'SIGKILL');
      primaryDead = true;
    },
    promoteStandby() {
      run('pg_ctl', ['-D', standby, '-w', '-t', '60', 'promote']);
    },
    stop() {
      try {
        if (!primaryDead) run('pg_ctl', ['-D', primary, '-m', 'immediate', '-w', 'stop']);
        run('pg_ctl', ['-D', standby, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The database's address, moved at failover (what a virtual IP or a proxy does in production:
 * node-postgres 8 takes one host, no multi-host connection string). Switching drops every
 * connection through it, as the death of the old primary does.
 */
export interface MovableAddress {
  port: number;
  moveTo(port: number): void;
  /** Connections refused (the target down) or cut. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function startMovableAddress(targetPort: number): Promise<MovableAddress> {
  let target = targetPort;
  let dropped = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', () => (dropped++, end())).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    get dropped() {
      return dropped;
    },
    moveTo(p: number) {
      target = p;
      for (const s of open) s.destroy();
      open.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
