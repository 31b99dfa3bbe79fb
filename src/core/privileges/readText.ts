/**
 * One small procfs/sysfs file read synchronously (each is a few hundred bytes; a thread-pool round
 * trip costs more than the read, see DESIGN.md "Cost of the kernel reads"). Failures come back as
 * values with the errno kept, because for attr/current EINVAL is an answer ("no LSM"), not an error.
 */
import fs = require('node:fs');
import type { PrivilegeReadIssue } from './types';

export type ReadTextFn = (file: string) => string;

export type TextRead = { ok: true; text: string } | { ok: false; code?: string; issue: PrivilegeReadIssue };

const DENIED_DETAIL = 'needs root or the same user as the process';

export function readText(file: string, read: ReadTextFn = (f) => fs.readFileSync(f, 'utf8')): TextRead {
  try {
    return { ok: true, text: read(file) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const message = (err as Error | undefined)?.message ?? String(err);
    if (code === 'EACCES' || code === 'EPERM') {
      return { ok: false, code, issue: { file, state: 'denied', detail: `${code} on ${file}: ${DENIED_DETAIL}` } };
    }
    if (code === 'ENOENT' || code === 'ESRCH') {
      return { ok: false, code, issue: { file, state: 'missing', detail: `${file} not found` } };
    }
    return { ok: false, code, issue: { file, state: 'error', detail: `${file}: ${message}` } };
  }
}
