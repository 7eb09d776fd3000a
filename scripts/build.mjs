#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/ (tsc, the same compiler that type-checks) and copies what the
// program reads beside its code: the SQL migrations and the web assets. bin/protokoll.js starts from
// dist/ when it is at least as new as every source file, so the command starts without a TypeScript
// loader (docs/decisions.md, 2026-12-04). Runs at `npm install` (prepare) and by `npm run build`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without devDependencies has no compiler; tsx (a dependency) runs the sources instead.
  console.log('protokoll: TypeScript is not installed (npm install --omit=dev?), so no build; the command runs from the sources');
  process.exit(0);
}
const started = Date.now();
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const folder of ['storage/migrations', 'web/assets']) {
  mkdirSync(join(root, 'dist', folder), { recursive: true });
  cpSync(join(root, 'src', folder), join(root, 'dist', folder), { recursive: true });
}
// Written last: a build that failed half-way leaves an older stamp, and bin/protokoll.js uses the sources.
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
console.log(`protokoll: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
