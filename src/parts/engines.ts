// Part `engines` (dist/engines.js): the Snapshotter, the kernel readers and every engine client,
// loaded at the feed's first read.
export { Snapshotter, shownThroughDocker } from '../core/snapshot/snapshotter';
export { ALL_ENGINES, createDefaultSources } from '../core/snapshot/defaultSources';
export { SudoInodeReader } from '../core/kernel/inodeReader';
