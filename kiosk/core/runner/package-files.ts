/**
 * The only way the kiosk reads a file of a flow package. Packages come from vendors and are
 * treated as hostile: every name is resolved to its real path and must stay inside the
 * package folder, only regular files are read and only up to a size cap, and JSON is checked
 * for depth and string length without recursion. Every problem is collected as a
 * FlowPackageError; nothing here throws for anything a package can contain, and no problem
 * quotes the contents of a file.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { FlowPackageError } from './errors.ts';
import { scanJson } from './json-scan.ts';

/** Largest file a package may ship. The built-in package's largest file is 9 KB; the cap keeps one read's memory bounded. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Total bytes read from one package. The built-in package is under 30 KB; this bounds start-up time and memory per package. */
export const MAX_PACKAGE_BYTES = 4 * 1024 * 1024;
/** Longest JSON string value or key. The longest built-in string is under 200 characters; screens and receipts show short text. */
export const MAX_STRING_LENGTH = 4096;
/** Deepest nesting of arrays and objects. Built-in files reach 8; zod, xstate and the checks walk JSON recursively, so depth is bounded before they see it. */
export const MAX_JSON_DEPTH = 64;
/** Size problems reported per file: one hostile file must not bury the rest of the report. */
const MAX_PROBLEMS_PER_FILE = 10;

/** Where in another file a package file is named, so a bad name is reported where it is written. */
export interface NamedAt {
  file: string;
  pointer: string;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

/** Escapes one JSON pointer segment (RFC 6901). */
function segment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Why a name cannot be a package file, whatever the disk holds; undefined when it may be one. */
function nameProblem(name: string): string | undefined {
  if (name === '') return 'the file name is empty';
  if (name.includes('\0')) return 'the file name holds a NUL character';
  if (name.includes('\\')) return 'the file name holds a backslash';
  if (name.startsWith('/')) return 'the file name is an absolute path';
  if (name.split('/').includes('..')) return 'the file name climbs out of the package with ".."';
  return undefined;
}

/** Reads the files of one package folder, collecting every problem into `problems`. */
export class PackageFiles {
  private readonly root: string | undefined;
  private bytesRead = 0;

  constructor(
    /** The package folder as the caller named it. */
    readonly dir: string,
    private readonly problems: FlowPackageError[],
  ) {
    try {
      this.root = realpathSync(dir);
      if (!statSync(this.root).isDirectory()) {
        this.root = undefined;
        this.report(
          '',
          'the package path is a file, not a folder',
          'name the folder that holds flow.json',
        );
      }
    } catch (error) {
      this.root = undefined;
      this.report(
        '',
        `the package folder cannot be opened (${code(error)})`,
        'name a package folder that exists',
      );
    }
  }

  /** The parsed JSON of the package file `file`, or undefined after reporting why it cannot be used. */
  readJson(file: string, namedAt?: NamedAt): unknown {
    const text = this.readText(file, namedAt);
    if (text === undefined) return undefined;
    const bad = scanJson(text, MAX_JSON_DEPTH);
    if (bad) {
      const at = `line ${bad.line}, column ${bad.column}`;
      const fix = bad.tooDeep
        ? `keep arrays and objects at most ${MAX_JSON_DEPTH} levels deep`
        : `fix the JSON at ${at}`;
      this.report(file, `not valid JSON at ${at}: ${bad.problem}`, fix);
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // The scan accepted the text, so this would be a scanner bug; JSON.parse's message quotes the text.
      this.report(file, 'not valid JSON', 'check the file with a JSON validator');
      return undefined;
    }
    return this.checkStrings(file, json) ? json : undefined;
  }

  /**
   * The package paths (`folder/name`) of the files in the package folder `folder` whose name
   * ends in `suffix`, sorted; empty when the folder is absent. A folder leaving the package is
   * reported and lists nothing.
   */
  listFiles(folder: string, suffix: string): string[] {
    const real = this.resolve(folder, undefined, true);
    if (real === undefined) return [];
    try {
      if (!statSync(real).isDirectory()) {
        this.report(folder, 'is not a folder', `make ${folder} a folder or remove it`);
        return [];
      }
      return readdirSync(real)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => `${folder}/${name}`);
    } catch (error) {
      this.report(folder, `cannot be listed (${code(error)})`, 'make the folder readable');
      return [];
    }
  }

  /** Adds a problem about the package file `file` to the collected ones. */
  report(file: string, problem: string, fix: string, pointer = ''): void {
    this.problems.push(new FlowPackageError(file, pointer, problem, fix));
  }

  /**
   * The real path of the package file `name`, refused when the name or any link on the way
   * leads outside the package. `optional` makes a missing file silent.
   */
  private resolve(
    name: string,
    namedAt: NamedAt | undefined,
    optional = false,
  ): string | undefined {
    if (this.root === undefined) return undefined;
    const where = namedAt ?? { file: name, pointer: '' };
    const bad = nameProblem(name);
    if (bad) {
      this.report(
        where.file,
        `${bad} (${JSON.stringify(name)})`,
        'name a file inside the package folder by a relative path with "/" between folders',
        where.pointer,
      );
      return undefined;
    }
    const path = join(this.root, name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      if (code(error) === 'ENOENT' && !isLink(path)) {
        if (!optional) this.report(name, 'the file is missing', `add ${name} to the package`);
      } else if (code(error) === 'ENOENT') {
        this.report(name, 'is a symbolic link to nothing', `put the file itself at ${name}`);
      } else {
        this.report(name, `cannot be resolved (${code(error)})`, `put a plain file at ${name}`);
      }
      return undefined;
    }
    const inside = this.root.endsWith(sep) ? this.root : this.root + sep;
    if (real !== this.root && !real.startsWith(inside)) {
      this.report(
        name,
        'is, or passes through, a symbolic link that leads outside the package',
        `copy the file into the package instead of linking to it`,
      );
      return undefined;
    }
    return real;
  }

  /** The text of a regular file inside the package, within the size caps. */
  private readText(file: string, namedAt: NamedAt | undefined): string | undefined {
    const real = this.resolve(file, namedAt);
    if (real === undefined) return undefined;
    let fd: number | undefined;
    let bytes: Buffer;
    try {
      // Stat before opening: opening a FIFO or a device can block or have effects.
      if (!statSync(real).isFile()) return this.notRegular(file);
      // O_NONBLOCK: a file swapped for a FIFO after the stat still cannot block the open.
      fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
      const stat = fstatSync(fd);
      if (!stat.isFile()) return this.notRegular(file);
      if (!this.withinCaps(file, stat.size)) return undefined;
      const buffer = Buffer.alloc(stat.size + 1);
      let length = 0;
      for (let n = -1; n !== 0 && length < buffer.length; length += n) {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      }
      if (length > stat.size) {
        this.report(
          file,
          'grew while it was read',
          'leave the package unchanged while it is checked',
        );
        return undefined;
      }
      this.bytesRead += length;
      bytes = buffer.subarray(0, length);
    } catch (error) {
      this.report(file, `cannot be read (${code(error)})`, 'make the file readable');
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    try {
      return DECODER.decode(bytes);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      this.report(file, 'is not UTF-8 text', 'save the file as UTF-8');
      return undefined;
    }
  }

  private notRegular(file: string): undefined {
    this.report(
      file,
      'is not a regular file (a FIFO, device or folder)',
      `put a plain JSON file at ${file}`,
    );
    return undefined;
  }

  /** Whether `size` more bytes from `file` stay within the file and package caps; reports when not. */
  private withinCaps(file: string, size: number): boolean {
    if (size > MAX_FILE_BYTES) {
      this.report(
        file,
        `is ${size} bytes, more than the ${MAX_FILE_BYTES} bytes a package file may hold`,
        'make the file smaller; a package holds only JSON descriptions',
      );
      return false;
    }
    if (this.bytesRead + size > MAX_PACKAGE_BYTES) {
      this.report(
        file,
        `the package's files together exceed ${MAX_PACKAGE_BYTES} bytes`,
        'make the package smaller',
      );
      return false;
    }
    return true;
  }

  /** Walks `json` with its own stack and reports every over-long string or key; true when none is. */
  private checkStrings(file: string, json: unknown): boolean {
    const stack: [unknown, string][] = [[json, '']];
    let found = 0;
    const tooLong = (pointer: string, what: string, length: number): void => {
      found++;
      if (found > MAX_PROBLEMS_PER_FILE) return;
      this.report(
        file,
        `${what} is ${length} characters long, more than ${MAX_STRING_LENGTH}`,
        `shorten it to at most ${MAX_STRING_LENGTH} characters`,
        pointer,
      );
    };
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const [value, pointer] = next;
      if (typeof value === 'string') {
        if (value.length > MAX_STRING_LENGTH) tooLong(pointer, 'a string', value.length);
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`]);
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          const at = `${pointer}/${segment(key)}`;
          if (key.length > MAX_STRING_LENGTH) tooLong(at, 'a key', key.length);
          else stack.push([child, at]);
        }
      }
    }
    return found === 0;
  }
}

/** The error code of a failed file-system call (ENOENT, EACCES, ...), never its message. */
function code(error: unknown): string {
  const value = (error as NodeJS.ErrnoException).code;
  return typeof value === 'string' ? value : 'unknown error';
}

/** Whether `path` itself is a symbolic link (whether or not its target exists). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch (error) {
    // Whatever stops lstat (a missing parent, no permission) also means no link to follow here.
    if (typeof (error as NodeJS.ErrnoException).code === 'string') return false;
    throw error;
  }
}
