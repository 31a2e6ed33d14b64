/** No machine of that name and version is registered. */
export class UnknownMachineVersionError extends Error {
  constructor(
    readonly machine: string,
    readonly version: number,
  ) {
    super(`Unknown workflow machine '${machine}' version ${version}`);
    this.name = 'UnknownMachineVersionError';
  }
}

/**
 * A stored snapshot does not fit its machine (unknown state, malformed data).
 * XState itself would restore such a snapshot into an actor silently stuck in
 * `status: 'error'`; this error makes the mismatch loud.
 */
export class SnapshotRestoreError extends Error {
  constructor(
    readonly machine: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`Cannot restore a '${machine}' v${version} snapshot: ${reason}`);
    this.name = 'SnapshotRestoreError';
  }
}

/** No registered migration leads from one version of a machine to the next. */
export class MissingMigrationError extends Error {
  constructor(
    readonly machine: string,
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(`No migration of '${machine}' from version ${fromVersion} to ${toVersion}`);
    this.name = 'MissingMigrationError';
  }
}
