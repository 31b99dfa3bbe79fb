// Run by fake-engine.test.ts as user `nobody`: pings the engine socket given as argv[2] and prints
// the client's result as JSON. Bundled on its own so the child needs nothing from the repo.
import { DockerClient } from '../../../../src/core/runtimes/docker';

const socketPath = process.argv[2];
void new DockerClient({ kind: 'unix', socketPath }, { timeoutMs: 3000 })
  .listContainers()
  .then((result) => process.stdout.write(JSON.stringify(result)));
