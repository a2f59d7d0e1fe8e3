/** One last line after the list reporter's output, easy to grep in CI logs. */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private readonly counts = { passed: 0, failed: 0, skipped: 0, flaky: 0 };

  onTestEnd(test: TestCase, result: TestResult): void {
    // Only a test's last attempt counts; earlier attempts of a retried test are not separate tests.
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    const outcome = test.outcome();
    if (outcome === 'expected') this.counts.passed += 1;
    else if (outcome === 'skipped') this.counts.skipped += 1;
    else if (outcome === 'flaky') this.counts.flaky += 1;
    else this.counts.failed += 1;
  }

  onEnd(result: FullResult): void {
    const { passed, failed, skipped, flaky } = this.counts;
    process.stdout.write(`playwright: ${result.status.toUpperCase()} - ${passed} passed, ${failed} failed, ${flaky} flaky, ${skipped} skipped\n`);
  }

  printsToStdio(): boolean {
    // The list reporter stays in charge of the terminal.
    return false;
  }
}
