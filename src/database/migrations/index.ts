import { Foundation1764460800000 } from './1764460800000-Foundation';

/** Every migration, oldest first. A committed migration is never edited. */
export const MIGRATIONS = [Foundation1764460800000];
