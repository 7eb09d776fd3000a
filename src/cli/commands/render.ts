import type { Command } from 'commander';

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('render an interchange minutes JSON file as PDF or HTML, without a database')
    .argument('<minutes>', 'the minutes JSON file')
    .option('--format <format>', 'pdf or html', 'pdf')
    .requiredOption('-o, --output <file>', 'where to write the document')
    .action(() => {
      throw new Error('not written yet');
    });
}
