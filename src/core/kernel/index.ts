/** The kernel readers: /proc and /sys, every root a parameter so fixture trees can stand in. */
export * from './namespaces';
export * from './classify';
export * from './mountinfo';
export * from './procCgroup';
export * from './openProcFiles';
export { procStatusPath } from './procStatus';
export * from './cgroupPath';
export * from './cgroupLimits';
export * from './evidence';
export * from './netEvidence';
export * from './evidenceClaims';
export * from './engineRecord';
export * from './procText';
export * from './cgroupUsage';
export * from './cgroupSample';
export * from './netDev';
