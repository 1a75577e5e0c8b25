#!/usr/bin/env node
// Prints "N passed, M failed" from vitest's JSON report. A test file that failed without a failing test
// (it did not load, or a hook failed) counts as one failure; a missing report (lint or typecheck failed
// first, or vitest crashed) counts as one failure, so the line never claims a success it did not see.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  failed = report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (suite.status === 'failed' && failedTests === 0) failed += 1;
  }
}
if (Number(status) !== 0 && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
