// Run by podman-fake.test.ts as a child process: follows the events of a FAKE podman CLI (argv[2])
// and prints `connected` once the `podman events` child runs. The test then kills this process
// with SIGKILL (no dispose runs) and checks that the events child dies with it.
import { createPodmanSource } from '../../../../src/core/runtimes/podman';

if (require.main === module) {
  const source = createPodmanSource({
    kind: 'podman',
    uid: 0,
    socketPath: '/nonexistent/podman.sock',
    cliPath: process.argv[2],
  });
  source.watch(
    () => undefined,
    (s) => {
      if (s.state === 'connected') process.stdout.write('connected\n');
    },
  );
  setInterval(() => undefined, 1000); // stay alive until killed
}
