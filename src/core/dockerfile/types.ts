// The shapes the Dockerfile hover works with: a document as lines, positions, and what is found.

/** The document as lines: `lineAt(n)` returns line n's text without its line break. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A range on one line: [start, end) in UTF-16 code units. */
export interface WordRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type EscapeChar = '\\' | '`';

export type Located =
  | {
      readonly kind: 'instruction';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly keyword?: string;
    }
  | {
      readonly kind: 'flag';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly flag: string;
    }
  | {
      readonly kind: 'flagValue';
      readonly word: string;
      readonly range: WordRange;
      readonly instruction: string;
      readonly flag: string;
      /** A value of the flag (`host`), or of its `type=` option for `--mount` (`cache`). */
      readonly value?: string;
      /** A key=value option of the flag (`target`, `sharing`). */
      readonly option?: string;
    }
  | { readonly kind: 'directive'; readonly word: string; readonly range: WordRange; readonly directive: string }
  | {
      readonly kind: 'term';
      readonly word: string;
      readonly range: WordRange;
      readonly termId: string;
      readonly instruction?: string;
    };
