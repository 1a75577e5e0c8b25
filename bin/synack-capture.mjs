#!/usr/bin/env node
// `synack-capture`: the capture worker's command-line face. Runs electron/capture/cli.ts through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { main } = await import(fileURLToPath(new URL('../electron/capture/cli.ts', import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
