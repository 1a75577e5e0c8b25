#!/usr/bin/env node
// Prints "N passed, M failed" from vitest's JSON report. A missing report (lint or typecheck failed first,
// or vitest crashed) counts as one failure so the line never claims success it did not see.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
}
if (Number(status) !== 0 && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);

function countSuitesWithFailedTests(report) {
  // numFailedTestSuites includes suites that failed only because a test in them failed; count those once.
  return (report.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
