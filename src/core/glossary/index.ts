// The hover glossary: the isolation vocabulary and the Dockerfile's instructions, flags and parser
// directives, as data, with the lookups over them. vscode-free.
export * from './types';
export { TERMS } from './terms';
export { INSTRUCTIONS, DIRECTIVES } from './instructions';
export { isTermHere } from './termContext';
export {
  LONGEST_TERM_PHRASE,
  allTermAliases,
  lookupDirective,
  lookupFlag,
  lookupFlagOption,
  lookupFlagValue,
  lookupInstruction,
  lookupKeyword,
  lookupTerm,
  lookupTermById,
  normalizePhrase,
} from './lookup';
