// The TextMate injection grammar for `source.dockerfile`, built from the glossary so the two never
// drift apart. syntaxes/container-anatomy.injection.tmLanguage.json is this object as JSON; the unit
// test test/unit/glossary/grammar.test.ts checks that, and rewrites the file when run with
// CA_WRITE_GRAMMAR=1. Not imported by the extension.
//
// What it scopes, so themes can colour it:
// - isolation terms of the glossary (not build args or general concepts) in comments, RUN lines
//   (strings and here-document bodies included):
//   `support.type.isolation.dockerfile`;
// - the isolation-relevant flags: RUN --mount (type, options), --network, --security, --device, and --chown:
//   `variable.parameter.flag.isolation.dockerfile`, values `constant.language.isolation.dockerfile`,
//   the ones that give isolation up (`--network=host`, `--security=insecure`) with `.relaxed` added;
// - here-documents on RUN, COPY and ADD lines, so their bodies are not read as instructions;
// - and nothing inside URLs and other addresses, where the hover gives no term either.
// The base grammar's own scopes are kept (comment, keyword, string names are the same).
import { allTermAliases } from './lookup';

export const INJECTION_SCOPE_NAME = 'container-anatomy.dockerfile.injection';

/** Aliases too common to colour in every comment; the hover still explains them. */
export const GRAMMAR_SKIPPED_ALIASES: ReadonlySet<string> = new Set([
  'image',
  'images',
  'layer',
  'layers',
  'container',
  'containers',
  'runtime',
  'runtimes',
  'kernel',
  'kernels',
  'privileged',
  'ctr',
  'config.json',
  'containerized',
  'containerised',
]);

const ONIG_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

function onigEscape(alias: string): string {
  return alias.replace(ONIG_SPECIAL, (c) => `\\${c}`).replace(/ /g, '\\s+');
}

/** The alternation of glossary aliases, longest first, as an Oniguruma pattern. */
export function grammarTermPattern(): string {
  // Isolation terms only: predefined build args and the guide's general concepts have hovers but
  // are not coloured as isolation vocabulary.
  const aliases = allTermAliases().filter((a) => a.term.kind === undefined && !GRAMMAR_SKIPPED_ALIASES.has(a.alias));
  const byLength = (a: string, b: string): number => b.length - a.length || a.localeCompare(b);
  const insensitive = aliases
    .filter((a) => !a.exact)
    .map((a) => a.alias)
    .sort(byLength)
    .map(onigEscape);
  const exact = aliases
    .filter((a) => a.exact)
    .map((a) => a.alias)
    .sort(byLength)
    .map(onigEscape);
  return `(?<![\\w-])(?:(?i:${insensitive.join('|')})|(?:${exact.join('|')}))(?![\\w-])`;
}

/**
 * The addresses the hover gives no term inside (src/core/glossary/termContext.ts): `scheme://…`,
 * `user@host.name:path`, `host.name/path`. Each form starts only where a run of its characters
 * starts (the lookbehinds), so a search over a line stays linear.
 */
export const ADDRESS_PATTERN =
  '(?:(?<![\\w+.-])[A-Za-z][A-Za-z0-9+.-]*://|(?<![\\w.-])[\\w.-]+@[\\w-]+(?:\\.[\\w-]+)+:|(?<![\\w./-])[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+/)[^\\s"\'`]*';

const TERM = 'support.type.isolation.dockerfile';
const FLAG = 'variable.parameter.flag.isolation.dockerfile';
const VALUE = 'constant.language.isolation.dockerfile';
const RELAXED = 'constant.language.isolation.relaxed.dockerfile';
const OPERATOR = 'keyword.operator.assignment.dockerfile';
/**
 * End of a line that does not continue: no escape character (`\` or a backtick, maybe followed by
 * blanks) before it. vscode-textmate appends a line feed to every line and `$` also matches after
 * it, so a line feed before the position must not count as an end either.
 */
const LINE_END_NOT_CONTINUED = '(?<![\\\\`\\n]|[\\\\`][ \\t]|[\\\\`][ \\t][ \\t])$';

export function buildInjectionGrammar(): Record<string, unknown> {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Container Anatomy: isolation terms and flags in Dockerfiles',
    comment:
      'Generated from src/core/glossary/grammar.ts; run the glossary unit tests with CA_WRITE_GRAMMAR=1 to rewrite.',
    scopeName: INJECTION_SCOPE_NAME,
    injectionSelector: 'L:source.dockerfile -comment -string -meta.instruction.run.dockerfile',
    patterns: [
      { include: '#comment' },
      { include: '#run-instruction' },
      { include: '#heredoc' },
      { include: '#chown-flag' },
    ],
    repository: {
      comment: {
        name: 'comment.line.number-sign.dockerfile',
        begin: '^(\\s*)(#)',
        beginCaptures: {
          1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
          2: { name: 'punctuation.definition.comment.dockerfile' },
        },
        end: '$',
        patterns: [{ include: '#address' }, { include: '#term' }],
      },
      'continued-comment': {
        comment:
          'A comment line inside a continuation: it ends with its line feed, so it does not end the instruction.',
        name: 'comment.line.number-sign.dockerfile',
        begin: '^(\\s*)(#)',
        beginCaptures: {
          1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
          2: { name: 'punctuation.definition.comment.dockerfile' },
        },
        end: '\\n',
        patterns: [{ include: '#address' }, { include: '#term' }],
      },
      'run-instruction': {
        name: 'meta.instruction.run.dockerfile',
        begin: '^\\s*(?i:(ONBUILD)\\s+)?(?i:(RUN))(?=\\s|$)',
        beginCaptures: {
          1: { name: 'keyword.control.dockerfile' },
          2: { name: 'keyword.other.special-method.dockerfile' },
        },
        end: LINE_END_NOT_CONTINUED,
        patterns: [
          { include: '#continued-comment' },
          { include: '#heredoc' },
          { include: '#mount-flag' },
          { include: '#network-flag' },
          { include: '#security-flag' },
          { include: '#device-flag' },
          { include: '#chown-flag' },
          { include: 'source.dockerfile#string-character-escape' },
          { include: '#double-quoted' },
          { include: '#single-quoted' },
          { include: '#address' },
          { include: '#term' },
        ],
      },
      heredoc: {
        begin: '(<<-?)[ \\t]*(["\']?)([A-Za-z_][A-Za-z0-9_]*)\\2(.*)$',
        beginCaptures: {
          1: { name: 'keyword.operator.heredoc.dockerfile' },
          3: { name: 'string.unquoted.heredoc.delimiter.dockerfile' },
          4: { patterns: [{ include: '#address' }, { include: '#term' }] },
        },
        end: '^\\s*(\\3)[ \\t]*$',
        endCaptures: { 1: { name: 'string.unquoted.heredoc.delimiter.dockerfile' } },
        contentName: 'string.unquoted.heredoc.dockerfile',
        patterns: [{ include: '#address' }, { include: '#term' }],
      },
      'double-quoted': {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        end: '"',
        patterns: [
          { include: 'source.dockerfile#string-character-escape' },
          { include: '#address' },
          { include: '#term' },
        ],
      },
      'single-quoted': {
        name: 'string.quoted.single.dockerfile',
        begin: "'",
        end: "'",
        patterns: [
          { include: 'source.dockerfile#string-character-escape' },
          { include: '#address' },
          { include: '#term' },
        ],
      },
      'mount-flag': {
        name: 'meta.flag.mount.dockerfile',
        begin: '(?<![\\w-])(--mount)(=)',
        beginCaptures: { 1: { name: FLAG }, 2: { name: OPERATOR } },
        end: '(?=[ \\t]|$)',
        patterns: [
          {
            match: '(?i:(type))(=)(?:(bind|cache|tmpfs|secret|ssh)(?![\\w-]))?',
            captures: {
              1: { name: 'variable.other.mount-option.dockerfile' },
              2: { name: OPERATOR },
              3: { name: VALUE },
            },
          },
          {
            match:
              '(?<=[=,])(?i:(target|dst|destination|source|src|from|rw|readwrite|ro|readonly|id|sharing|mode|uid|gid|required|env|size))(?=[=,\\s]|$)',
            captures: { 1: { name: 'variable.other.mount-option.dockerfile' } },
          },
          { match: '=', name: OPERATOR },
          { match: ',', name: 'punctuation.separator.dockerfile' },
        ],
      },
      'network-flag': {
        match: '(?<![\\w-])(--network)(=)(?:(host)|(none|default))?(?![\\w-])',
        captures: { 1: { name: FLAG }, 2: { name: OPERATOR }, 3: { name: RELAXED }, 4: { name: VALUE } },
      },
      'security-flag': {
        match: '(?<![\\w-])(--security)(=)(?:(insecure)|(sandbox))?(?![\\w-])',
        captures: { 1: { name: FLAG }, 2: { name: OPERATOR }, 3: { name: RELAXED }, 4: { name: VALUE } },
      },
      'device-flag': {
        comment: 'RUN --device hands host hardware (a CDI device) to the step: it gives isolation up.',
        match: '(?<![\\w-])(--device)(=)',
        captures: { 1: { name: FLAG }, 2: { name: OPERATOR } },
      },
      'chown-flag': {
        match: '(?<![\\w-])(--chown)(?==)',
        captures: { 1: { name: FLAG } },
      },
      address: {
        comment:
          'A URL, a git@host:path address or a host.name/path: consumed unscoped, so no term is coloured inside it (as the hover gives none there).',
        match: ADDRESS_PATTERN,
      },
      term: {
        match: grammarTermPattern(),
        name: TERM,
      },
    },
  };
}
