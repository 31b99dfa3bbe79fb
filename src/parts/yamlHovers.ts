// Part `yamlHovers` (dist/yamlHovers.js): the compose and Kubernetes hover engine with the yaml
// parser, loaded at the first hover in such a file.
export * from '../core/yaml';
