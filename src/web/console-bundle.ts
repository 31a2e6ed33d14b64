import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/**
 * The console's one script: web/src (TypeScript, and the .js files not converted yet) bundled by esbuild from its entry,
 * with the label tables it imports from src/common/labels. Built by `npm start` into dist/web/ (scripts/start.js), and
 * in-process when that prebuilt bundle is missing or stale (tests run the app from source; a build takes ~100 ms).
 */
export interface ConsoleBundle {
  /** `app-<hash>.js`: the content hash is in the name, so the file can be cached for good. */
  name: string;
  js: Buffer;
  map: Buffer;
  /** Every file the bundle was built from (relative to the project root) with its SHA-256: tells a stale bundle. */
  inputs: Record<string, string>;
}

const ENTRY_NAMES = ['main.ts', 'main.js'];
const MANIFEST = 'console-manifest.json';

/** The folder of the console's sources (web/src; web/assets/js before the move). */
export function consoleSourceDir(webRoot: string): string {
  const src = join(webRoot, 'src');
  return ENTRY_NAMES.some((n) => existsSync(join(src, n))) ? src : join(webRoot, 'assets', 'js');
}

/** Bundles the console now. Throws with esbuild's messages when a source does not compile. */
export function buildConsoleBundle(webRoot: string): ConsoleBundle {
  // Loaded here, not at the top: a server that finds a fresh prebuilt bundle never loads esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const projectRoot = dirname(webRoot);
  const sourceDir = consoleSourceDir(webRoot);
  const entry = ENTRY_NAMES.map((n) => join(sourceDir, n)).find((p) => existsSync(p));
  if (!entry) throw new Error(`console entry not found in ${sourceDir}`);
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: true,
    charset: 'utf8',
    legalComments: 'none',
    entryNames: 'app-[hash]',
    outdir: join(projectRoot, 'dist', 'web'),
    absWorkingDir: projectRoot,
    tsconfig: existsSync(join(webRoot, 'tsconfig.json')) ? join(webRoot, 'tsconfig.json') : undefined,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (!js || !map) throw new Error('esbuild produced no console bundle');
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    inputs[input.split(sep).join('/')] = digest(readFileSync(resolve(projectRoot, input)));
  }
  return { name: basename(js.path), js: Buffer.from(js.contents), map: Buffer.from(map.contents), inputs };
}

/** The bundle prebuilt in dist/web, if every file it was built from is unchanged; otherwise undefined. */
export function prebuiltConsoleBundle(webRoot: string): ConsoleBundle | undefined {
  const projectRoot = dirname(webRoot);
  const dir = join(projectRoot, 'dist', 'web');
  const manifestFile = join(dir, MANIFEST);
  if (!existsSync(manifestFile)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string; inputs: Record<string, string> };
    if (!isFresh(projectRoot, manifest.inputs)) return undefined;
    return { name: manifest.name, js: readFileSync(join(dir, manifest.name)), map: readFileSync(join(dir, `${manifest.name}.map`)), inputs: manifest.inputs };
  } catch {
    return undefined;
  }
}

/** The prebuilt bundle when fresh, else a new build (in memory). */
export function consoleBundle(webRoot: string): ConsoleBundle {
  return prebuiltConsoleBundle(webRoot) ?? buildConsoleBundle(webRoot);
}

/** Builds into dist/web unless the bundle there is fresh (`npm start`). Returns whether it built. */
export function writeConsoleBundle(webRoot: string): boolean {
  if (prebuiltConsoleBundle(webRoot)) return false;
  const bundle = buildConsoleBundle(webRoot);
  const dir = join(dirname(webRoot), 'dist', 'web');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, bundle.name), bundle.js);
  writeFileSync(join(dir, `${bundle.name}.map`), bundle.map);
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ name: bundle.name, inputs: bundle.inputs }, null, 2)}\n`);
  return true;
}

/** Fresh when every file it was built from still has its digest: an edit, a removal or a rename (.js → .ts) changes one. */
function isFresh(projectRoot: string, inputs: Record<string, string>): boolean {
  return Object.entries(inputs).every(([file, sha]) => {
    const path = resolve(projectRoot, file);
    return existsSync(path) && digest(readFileSync(path)) === sha;
  });
}

function digest(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
