/**
 * The extension's parts that activation does not need, each loaded at its first use. Every other
 * file in this folder is one part: scripts/build.mjs builds it as dist/<name>.js and defines
 * SPLIT_BUNDLES there, so the extension requires that file; the test and bench bundles define it
 * false and take the part in.
 */
declare const SPLIT_BUNDLES: boolean;

/* eslint-disable @typescript-eslint/no-require-imports -- the lazy loads are what this file is for */
const PARTS = {
  engines: (): typeof import('./engines') => (SPLIT_BUNDLES ? require('./engines.js') : require('./engines')),
  containers: (): typeof import('./containers') =>
    SPLIT_BUNDLES ? require('./containers.js') : require('./containers'),
  panel: (): typeof import('./panel') => (SPLIT_BUNDLES ? require('./panel.js') : require('./panel')),
  hovers: (): typeof import('./hovers') => (SPLIT_BUNDLES ? require('./hovers.js') : require('./hovers')),
  yamlHovers: (): typeof import('./yamlHovers') =>
    SPLIT_BUNDLES ? require('./yamlHovers.js') : require('./yamlHovers'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type PartName = keyof typeof PARTS;
export type Part<K extends PartName> = ReturnType<(typeof PARTS)[K]>;

/** The part, loaded on the first call (require caches it after). */
export function loadPart<K extends PartName>(name: K): Part<K> {
  return PARTS[name]() as Part<K>;
}
