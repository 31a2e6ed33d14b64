import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageEngine } from 'multer';

/** A file written to the staging area, with the SHA-256 and size computed while it was written. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where uploads land before they are checked: each one streamed to its own
 * file and hashed on the way, never held in memory. The area sits inside the
 * blob store's directory so that an accepted file is moved in by a rename.
 */
export class UploadStaging {
  constructor(readonly dir: string) {}

  /** Streams `source` to a new staged file; a partly written file is removed when the stream fails. */
  async write(source: Readable): Promise<StagedFile> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // flush: the file is on disk before the blob store renames it into place.
      await pipeline(source, tap, createWriteStream(path, { flags: 'wx', flush: true }));
    } catch (e) {
      await discardStaged({ path });
      throw e;
    }
    return { path, sha256: hash.digest('hex'), size };
  }

  /** A staged copy of a file on disk (the command-line import): the original is never moved or removed. */
  fromFile(path: string): Promise<StagedFile> {
    return this.write(createReadStream(path));
  }

  fromBuffer(content: Buffer): Promise<StagedFile> {
    return this.write(Readable.from([content]));
  }

  /** Removes staged files older than `ageMs`: what a process that stopped in the middle of an upload left. */
  async sweep(ageMs = DAY_MS): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > ageMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Removes staged files; one already moved into the store (or never written) is no error. */
export async function discardStaged(...files: Array<{ path?: string } | undefined>): Promise<void> {
  await Promise.all(files.map((f) => (f?.path ? rm(f.path, { force: true }) : undefined)));
}

/** A multer storage engine that stages each file part (multer removes them itself when it aborts a parse). */
export function stagingStorage(staging: UploadStaging): StorageEngine {
  return {
    _handleFile(_req, file, done) {
      staging.write(file.stream).then(
        async (staged) => {
          // Past the size limit busboy stops filling the part and marks it truncated; multer answers 413.
          if ((file.stream as { truncated?: boolean }).truncated) {
            await discardStaged(staged);
            return done(new Error('file part truncated at the size limit'));
          }
          done(null, staged);
        },
        (e: unknown) => done(e),
      );
    },
    _removeFile(_req, file, done) {
      discardStaged(file).then(() => done(null), done);
    },
  };
}
