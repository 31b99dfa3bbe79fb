// Part `hovers` (dist/hovers.js): the Dockerfile hover engine and the glossary, loaded at the
// first hover.
export * from '../core/dockerfile';
