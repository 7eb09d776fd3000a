import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const documents = () => import('../../documents/index.ts');
const minutesModel = () => import('../../domain/minutes.ts');
const validation = () => import('../../domain/validation.ts');

interface RenderOptions {
  format: string;
  output: string;
  createdAt?: string;
}

/** Registers `protokoll render`: an interchange minutes file drawn as PDF/A or HTML, without a database. */
export function registerRender(program: Command): void {
  program
    .command('render')
    .description('render an interchange minutes JSON file as PDF or HTML, without a database')
    .argument('<minutes>', 'the minutes JSON file')
    .option('--format <format>', 'pdf, html or docx (an editable Word document)', 'pdf')
    .requiredOption('-o, --output <file>', 'where to write the document')
    .option('--created-at <instant>', 'creation time written into the PDF (ISO 8601), for byte-identical output')
    .action(async (file: string, options: RenderOptions) => {
      if (options.format !== 'pdf' && options.format !== 'html' && options.format !== 'docx') {
        throw new InputError({ path: '--format', code: 'invalid_format', message: `expected pdf, html or docx, got '${options.format}'` });
      }
      if (options.createdAt !== undefined && Number.isNaN(Date.parse(options.createdAt))) {
        throw new InputError({
          path: '--created-at',
          code: 'invalid_instant',
          message: `expected an ISO 8601 time such as 2024-10-03T12:00:00Z, got '${options.createdAt}'`,
        });
      }
      const minutes = (await validation()).parseOrThrow((await minutesModel()).minutesSchema, await readJson(file), file);
      const document =
        options.format === 'pdf'
          ? await (await documents()).renderMinutesPdf(minutes, options.createdAt ? { createdAt: options.createdAt } : {})
          : options.format === 'docx'
            ? await (await documents()).renderMinutesDocx(minutes)
            : (await documents()).renderMinutesHtml(minutes);
      try {
        await writeFile(options.output, document);
      } catch (error) {
        throw new InputError({ path: options.output, code: 'cannot_write', message: describe(error) }, { cause: error });
      }
    });
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({ path: file, code: 'cannot_read', message: describe(error) }, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError({ path: file, code: 'invalid_json', message: describe(error) }, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
