/**
 * Text from engines (container names, images, labels, pod names; for containerd a free-form CRI
 * label) made safe to show to people. Two things can make one name pass for another or for
 * something else: characters that move, hide or reorder text (control characters, and the
 * bidirectional embeddings, overrides, isolates and marks, U+202A–202E, U+2066–2069, U+200E/F,
 * U+061C), and syntax the surface interprets (`[x](command:id)` is a link in a VS Code
 * notification, `$(icon)` an icon in a quick pick). Every function here is one linear pass.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function code(ch: string): string {
  const n = ch.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Control and bidirectional characters written as visible codes (`\x1b`, `\u202e`); the rest unchanged. */
export function visibleCodes(text: string): string {
  return text.replace(CONTROL_OR_BIDI, code);
}

/** Only the bidirectional characters as visible codes (for surfaces that treat control characters themselves). */
export function visibleBidi(text: string): string {
  return text.replace(BIDI, code);
}

/**
 * A name as plain text for any VS Code surface that is not markdown: notifications, tree labels
 * and descriptions, quick picks, terminal names. Visible codes for control and bidirectional
 * characters, and a space that keeps `](` from closing a link and `$(` from opening an icon.
 */
export function displayName(text: string): string {
  return visibleCodes(text).replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/**
 * Text for markdown that renders as exactly these characters: every ASCII punctuation character
 * gets a backslash (CommonMark allows that for all of them), so no link, image, HTML tag, emphasis
 * or autolink can form; control and bidirectional characters are shown as codes.
 */
export function markdownText(text: string): string {
  return visibleCodes(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
