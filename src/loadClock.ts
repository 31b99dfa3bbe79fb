/**
 * When the bundle started evaluating. extension.ts imports this module first, so esbuild evaluates
 * it before any other module of the bundle; activate() logs how long the rest took, which splits
 * VS Code's activation figure into the extension's own part and the host's loading of the file.
 */
export const bundleEvaluationStartedAt = performance.now();
