import type { Command } from 'commander';
import { configFor } from '../context.ts';

export function registerOparl(program: Command): void {
  const oparl = program.command('oparl').description('open data as OParl 1.1 (docs/open-data.md)');
  oparl
    .command('dump')
    .description('write every public OParl object (oparl.jsonl), the public files they name (files/) and SHA256SUMS to a folder')
    .requiredOption('--out <dir>', 'the folder to write (created when missing)')
    .action(async (options: { out: string }, command: Command) => {
      // Loaded here, not at the top: `protokoll --help` must not load the storage and the PDF writer.
      const { openConfiguredDatabase, applyMigrations } = await import('../../services/system.service.ts');
      const { writeOparlDump } = await import('../../services/open-data/dump.ts');
      const config = configFor(command);
      const handle = await openConfiguredDatabase(config);
      try {
        await applyMigrations(handle);
        const result = await writeOparlDump(handle, { base: `${config.publicUrl}/oparl/v1`, outDir: options.out });
        process.stdout.write(`wrote ${result.objects} objects and ${result.files} files to ${options.out} (ids from ${config.publicUrl})\n`);
        for (const id of result.missing) process.stderr.write(`left out (not readable as published): ${id}\n`);
        if (result.missing.length > 0) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}
