/**
 * Run as another user by privileges-kernel.test.ts (`runuser -u anatomy-guest -- node <this> PID`):
 * prints readPrivileges('/proc', PID) as JSON, so the test can compare a non-root reader's report
 * with root's. Does nothing when loaded by mocha.
 */
import { readPrivileges } from '../../../src/core/privileges';

if (require.main === module) {
  const pid = Number(process.argv[2]);
  process.stdout.write(JSON.stringify(readPrivileges('/proc', pid)));
}
