#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist-cli/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('stz-lab: the command line is not built; run `npm install` (or `npm run build:cli`) in the repository\n');
  process.exit(1);
}
const { run } = await import(cli);
process.exitCode = await run(process.argv.slice(2));
