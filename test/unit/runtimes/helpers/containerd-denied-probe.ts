// Run by containerd-fake.test.ts as user `nobody`: reads the containerd socket given as argv[2]
// and prints the runtime status as JSON.
import { createContainerdSource } from '../../../../src/core/runtimes/containerd';

const source = createContainerdSource({ address: `unix://${process.argv[2]}`, timeoutMs: 3000 });
void source.read().then((reading) => {
  process.stdout.write(JSON.stringify(reading.runtime.status));
  source.dispose();
});
