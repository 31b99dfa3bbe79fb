// Whether a word that spells a glossary term *is* that term where it stands, or only part of another
// name: a URL (`https://github.com/moby/buildkit`), a registry or module path
// (`docker.io/moby/buildkit`, `github.com/opencontainers/runc/libcontainer`), an scp-style Git
// address (`git@github.com:moby/moby.git`), or a package name it sits in the middle or at the end
// of (`nginx-module-image-filter`, `buildkit-qemu-v7`). A `$NAME` or `${NAME}` inside such a name is
// still a variable of its own (`tool-${TARGETARCH}.tgz`). The scan reads only the whitespace-
// delimited token around the word, and at most MAX_TOKEN characters of it either side.

/** Longer tokens are data (a minified blob, base64), not text around a term: no term inside them. */
const MAX_TOKEN = 4096;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** `$NAME` or `${NAME}`: the word is a variable reference, whatever it is embedded in. */
function isVariable(text: string, start: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  if (before === 36) return true; // $
  return before === 123 && start > 1 && text.charCodeAt(start - 2) === 36; // ${
}

/**
 * Whether the token [from, to) is, or starts with, an address: it holds `://`, or an `@` and a host
 * name with a dot before a `:` (git@host.name:path), or its first path segment is a host name with a
 * dot (`docker.io/…`).
 */
function isAddress(text: string, from: number, to: number): boolean {
  let i = from;
  // Quotes, brackets and `=` of `--url=…` before the address itself.
  while (i < to && !isAlnum(text.charCodeAt(i))) i++;
  const segmentStart = i;
  let dotInSegment = false;
  let sawAt = false;
  let dotAfterAt = false;
  let inFirstSegment = true;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      // ':' — `://`, or the `:` of git@host.name:path (not of image@sha256:…)
      if (dotAfterAt || (i + 2 < to && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47)) return true;
      inFirstSegment = false;
    } else if (c === 64) {
      sawAt = true; // '@'
    } else if (c === 47) {
      // '/': the end of the first segment
      if (inFirstSegment && dotInSegment && i > segmentStart) return true;
      inFirstSegment = false;
    } else if (c === 46) {
      if (sawAt) dotAfterAt = true;
      // A '.' between two letters or digits of the first segment (not `./x` or `../x`).
      const between =
        i > segmentStart && i + 1 < to && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
      if (inFirstSegment && between) dotInSegment = true;
    }
  }
  return false;
}

/**
 * Whether the word at [start, end) of `text` stands for the glossary term it spells. Joined to a word
 * before it by a `-`, it is part of another name (`docker` in `podman-docker`, not in `docker-ce`
 * or after the `--` of an option); after a `.` it opens a part of a dotted name
 * (`capabilities` in `io.containers.capabilities`) and counts.
 */
export function isTermHere(text: string, start: number, end: number): boolean {
  if (isVariable(text, start)) return true;
  if (start > 1 && text.charCodeAt(start - 1) === 45 && isWordChar(text.charCodeAt(start - 2))) return false;
  const floor = Math.max(0, start - MAX_TOKEN);
  let from = start;
  while (from > floor && !isSpace(text.charCodeAt(from - 1))) from--;
  if (from === floor && from > 0 && !isSpace(text.charCodeAt(from - 1))) return false;
  const ceil = Math.min(text.length, end + MAX_TOKEN);
  let to = end;
  while (to < ceil && !isSpace(text.charCodeAt(to))) to++;
  if (to === ceil && to < text.length && !isSpace(text.charCodeAt(to))) return false;
  return !isAddress(text, from, to);
}
