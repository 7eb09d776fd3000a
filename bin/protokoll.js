#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so a clone needs no build step
// (docs/decisions.md, 2026-11-22).
import { register } from 'tsx/esm/api';

register();
// `protokoll search … | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
