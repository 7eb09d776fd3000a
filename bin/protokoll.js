#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so a clone needs no build step
// (docs/decisions.md, 2026-11-22).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
