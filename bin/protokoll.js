#!/usr/bin/env node
// Starts from the compiled JavaScript in dist/ (built at `npm install`, or `npm run build`) when it is at
// least as new as every source file; otherwise, in a working copy being edited, from the TypeScript
// sources through tsx, so a change is never run stale (docs/decisions.md, 2026-12-04).
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** The newest modification time under a folder, in milliseconds. */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return latest;
}

function builtAndCurrent() {
  if (process.env.PROTOKOLL_FROM_SOURCES === '1') return false;
  try {
    return statSync(new URL('dist/.built', root)).mtimeMs >= newest(new URL('src', root).pathname);
  } catch {
    return false;
  }
}

// `protokoll search … | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
let main;
if (builtAndCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
