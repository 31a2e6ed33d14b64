import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { FileBlobStore, type BlobStore } from './blob-store';
import { DbBlobStore } from './blob-store-db';

/** The directory of the content-addressed store under DATA_DIR (also the staging area's parent). */
export function blobDirectory(dataDir: string): string {
  return join(dataDir, 'blobs');
}

/** FILE_STORE: `db` (the default with DATABASE_URL, so that replicas share the files) or `dir` (the embedded default). */
export function createBlobStore(config: Pick<AppConfig, 'fileStore' | 'dataDir'>, ds: DataSource): BlobStore {
  return config.fileStore === 'db' ? new DbBlobStore(ds) : new FileBlobStore(blobDirectory(config.dataDir));
}
