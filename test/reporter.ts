/**
 * Mocha's spec reporter plus the closing line CI reads: `N passed, M failed, K skipped`.
 */
import * as Mocha from 'mocha';

class Reporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
    runner.once('end', () => {
      console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
    });
  }
}

export = Reporter;
