// Tests module for a REAL VS Code extension host: the host loads out/test/host/index.js (bundled by
// scripts/build.mjs with `mocha` and `vscode` external) and calls run(). Used by
// scripts/host/run-host-tests.mjs (VS Code server + Chromium, offline) and by
// scripts/desktop/run-desktop-tests.mjs (@vscode/test-electron).
//
// Output goes through console.log, which the host forwards to the workbench's log; the runner reads
// the closing `HOST-RESULT {"passed":N,"failed":M}` line from there to print its own summary.
import * as fs from 'fs';
import * as path from 'path';
// Types come from @types/mocha's globals (`Mocha` class and namespace); the value is loaded at run
// time by loadMocha().
type MochaClass = typeof Mocha;

const testTimeoutMs = 60_000;
export const resultPrefix = 'HOST-RESULT ';

/**
 * mocha 12 is an ES module re-exporting lib/mocha.cjs. Node 20.19+ (the VS Code server here) lets
 * `require` load it and returns its namespace, whose `Mocha` (or `default`) export is the class.
 * Desktop VS Code's Electron may ship an older Node without require(esm) (ERR_REQUIRE_ESM): there
 * the CommonJS file behind it is loaded directly. Both stay external to the bundle (build.mjs).
 */
function loadMocha(): MochaClass {
  type Loaded = MochaClass & { Mocha?: MochaClass; default?: MochaClass };
  let loaded: Loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('mocha') as Loaded;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw err;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('mocha/lib/mocha.cjs') as Loaded;
  }
  return loaded.Mocha ?? loaded.default ?? loaded;
}

/** Every `*.test.js` below this folder, sorted so the run order is stable. */
function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * A reporter that writes plain lines through console.log: the extension host forwards console
 * output line by line, and neither colours nor cursor control survive that trip.
 */
function makeReporter(MochaCtor: MochaClass): typeof Mocha.reporters.Base {
  const { Base } = MochaCtor.reporters;
  const events = MochaCtor.Runner.constants;
  return class HostReporter extends Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let depth = 0;
      const indent = (): string => '  '.repeat(depth);
      const failures: { title: string; err: Error }[] = [];
      runner.on(events.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
        if (suite.root) return;
        console.log(`${indent()}${suite.title}`);
        depth++;
      });
      runner.on(events.EVENT_SUITE_END, (suite: Mocha.Suite) => {
        if (!suite.root) depth--;
      });
      runner.on(events.EVENT_TEST_PASS, (test: Mocha.Test) => {
        console.log(`${indent()}✓ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(events.EVENT_TEST_PENDING, (test: Mocha.Test) => {
        console.log(`${indent()}- ${test.title} (skipped)`);
      });
      runner.on(events.EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
        failures.push({ title: test.fullTitle(), err });
        console.log(`${indent()}✗ ${test.title} (failed #${failures.length})`);
      });
      runner.once(events.EVENT_RUN_END, () => {
        failures.forEach(({ title, err }, i) => {
          console.log(`\n${i + 1}) ${title}\n${err?.stack ?? String(err)}`);
        });
        const stats = this.stats;
        console.log(
          `\n${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending (${stats.duration ?? 0} ms)`,
        );
      });
    }
  };
}

export function run(): Promise<void> {
  const MochaCtor = loadMocha();
  // HOST_TEST_GREP narrows a run to matching tests: development runs, and npm test's host-user step.
  const grep = process.env.HOST_TEST_GREP;
  const mocha = new MochaCtor({ ui: 'bdd', timeout: testTimeoutMs, color: false, ...(grep ? { grep } : {}) });
  mocha.reporter(makeReporter(MochaCtor));

  return new Promise<void>((resolve, reject) => {
    const report = (passed: number, failed: number, pending: number): void => {
      console.log(`${resultPrefix}${JSON.stringify({ passed, failed, pending })}`);
    };
    try {
      // The ordinary-user suite needs a server run as that user with the root-read ground truth
      // (HOST_AS_USER, which sets CONTAINER_ANATOMY_NS_TRUTH); the root run leaves it out rather
      // than counting it as skipped. npm test runs it in its own host-user step.
      const asUser = process.env.CONTAINER_ANATOMY_NS_TRUTH !== undefined;
      const files = findTestFiles(__dirname).filter((f) => asUser || path.basename(f) !== 'ordinaryUser.test.js');
      if (files.length === 0) {
        report(0, 1, 0);
        reject(new Error(`no *.test.js files found under ${__dirname}`));
        return;
      }
      for (const file of files) mocha.addFile(file);
      // The callback runs when the whole run ends, long after `runner` is assigned.
      const runner: Mocha.Runner = mocha.run((failures) => {
        const stats = runner.stats; // filled in by the reporter (Base)
        const failed = Math.max(failures, stats?.failures ?? 0);
        report(stats?.passes ?? 0, failed, stats?.pending ?? 0);
        if (failed > 0) reject(new Error(`${failed} host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws while loading never reaches mocha.run's callback.
      console.error(err instanceof Error ? err.stack : String(err));
      report(0, 1, 0);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
