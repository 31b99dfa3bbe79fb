// `npm run package`: production bundles, then a VSIX at dist-vsix/container-anatomy.vsix.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

execFileSync('node', ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
mkdirSync('dist-vsix', { recursive: true });
execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', 'dist-vsix/container-anatomy.vsix'], {
  stdio: 'inherit',
});
