/**
 * The reader the extension runs through `sudo -n` when the user opted in
 * (containerAnatomy.namespaces.readInodesWithSudo): prints the eight namespace links of each PID
 * given as an argument, as JSON, and nothing else. It takes only decimal PIDs, reads only
 * /proc/<pid>/ns/*, writes nothing and runs no other program, so a sudoers rule for it grants no
 * more than those links. Built as its own file (dist/nsInodeReader.js).
 */
import { parseInodeReaderArgs, readInodesAsJson } from './inodeReader';

const pids = parseInodeReaderArgs(process.argv.slice(2));
if (typeof pids === 'string') {
  process.stderr.write(`nsInodeReader: ${pids}\n`);
  process.exitCode = 2;
} else {
  process.stdout.write(`${readInodesAsJson('/proc', pids)}\n`);
}
