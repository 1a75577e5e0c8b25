#!/usr/bin/env node
// `npm run web [FILE] [--port N] [--no-open]`: the browser host (electron/web/server.ts) run through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { main } = await import(fileURLToPath(new URL('../electron/web/server.ts', import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
