import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationRows, formatConversationTable } from '../../../../electron/capture/commands/read-conversations';
import { runTracker } from '../../../support/tcp-fields';
import { expectSameConversations } from '../../../support/tshark-conversations';
import { TCP_FIXTURES, writeTcpFixtures } from '../../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';

const fixtureDir = join(TEST_OUTPUT_DIR, 'conversation-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixturePaths = writeTcpFixtures(fixtureDir);

const files = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.conv.txt')).map((n) => n.slice(0, -'.conv.txt'.length))
  .filter((cap) => existsSync(join(CORPUS_DIR, cap)));

describe('read --conversations agrees with tshark -q -z conv,tcp', () => {
  it.each(files)('%s: same conversations, frames and bytes per direction', (cap) => {
    expectSameConversations(join(CORPUS_DIR, cap), readFileSync(join(CORPUS_DIR, `${cap}.conv.txt`), 'utf8'), cap);
  });

  // Headers cut by a snaplen or with a bogus length: tshark counts a segment only when its dissection got past them.
  it.each(Object.keys(TCP_FIXTURES).filter((n) => n !== 'ip-fragments'))('hand-built %s: same conversations as live tshark', (name) => {
    if (!requireTool('tshark')) return;
    const path = fixturePaths[name];
    expectSameConversations(path, execFileSync('tshark', ['-r', path, '-q', '-z', 'conv,tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), name);
  });

  it('prints the seed as one closed conversation with its final states', () => {
    const text = formatConversationTable(conversationRows(runTracker(join(CORPUS_DIR, '..', 'seed', 'seed-lo0.pcap'), () => {})));
    expect(text).toContain('127.0.0.1:57273            <-> 127.0.0.1:8080');
    expect(text).toMatch(/closed\s+TIME-WAIT \/ CLOSED/);
  });
});
