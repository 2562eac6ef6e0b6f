import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { createProgressBar } from '../progress-bar.js';

const mb = (bytes: number | null | undefined) => (bytes == null ? '?' : `${(bytes / 1e6).toFixed(0)} MB`);

export function registerModels(program: Command, ctx: CliContext): void {
  const models = program.command('models').description('Whisper and VAD models on this machine');
  models
    .command('list')
    .description('The model catalog, with what is installed')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const manager = await ctx.models();
      const entries = await manager.list();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(entries)}\n`);
        return;
      }
      for (const e of entries) {
        process.stdout.write(`${e.installed ? '*' : ' '} ${e.name.padEnd(24)} ${mb(e.bytes).padStart(8)}  ${e.installed ? (e.path ?? '') : ''}\n`);
      }
      process.stdout.write(`\n* installed in ${manager.modelsDir}\n`);
    });
  models
    .command('download')
    .description('Download a catalog model (resumes an interrupted download, verifies its checksum)')
    .argument('<name>', 'e.g. base.en, small, large-v3-turbo, silero-v6.2.0')
    .action(async (name: string) => {
      const bar = createProgressBar(name);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const entry = await (await ctx.models()).download(name, {
          signal: controller.signal,
          onProgress: (p) => bar.update(p.totalBytes ? p.receivedBytes / p.totalBytes : 0, `${mb(p.receivedBytes)}/${mb(p.totalBytes)}`),
        });
        bar.done(`Installed ${name} at ${entry.path}`);
      } finally {
        bar.done();
        process.off('SIGINT', onSigint);
      }
    });
  models
    .command('import')
    .description('Install a ggml model file you already have (checked before it is copied)')
    .argument('<file>', 'a ggml .bin model')
    .option('--name <name>', 'name to install it under')
    .action(async (file: string, opts: { name?: string }) => {
      const entry = await (await ctx.models()).importFile(path.resolve(file), { name: opts.name });
      process.stdout.write(`Installed ${entry.name} at ${entry.path}\n`);
    });
  models
    .command('remove')
    .description('Delete an installed model')
    .argument('<name>', 'installed model name')
    .action(async (name: string) => {
      await (await ctx.models()).remove(name);
      process.stdout.write(`Removed ${name}\n`);
    });
}
