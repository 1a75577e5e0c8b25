import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/**
 * Repository root, and the project's shared/ folder that always sits beside it (../shared). Resolved by string, not
 * `new URL`: under happy-dom that is happy-dom's URL, which node cannot turn into a path.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');
export const MALFORMED_DIR = join(CORPUS_DIR, 'malformed');
export const SEED_DIR = join(SHARED_DIR, 'seed');
export const SEED_PCAP = join(SEED_DIR, 'seed-lo0.pcap');
export const TOOLS_DIR = join(SHARED_DIR, 'tools');
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
export const GOLDEN_DIR = join(REPO_ROOT, 'test', 'golden');
export const TEST_OUTPUT_DIR = join(REPO_ROOT, 'test-output');
