/**
 * Hostile flow packages: each is refused with a problem a vendor can act on, without
 * following a path or link out of the package, without reading more than the limits allow,
 * without a stack overflow and without quoting any file's contents.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowPackageError } from './errors.ts';
import { scanJson } from './json-scan.ts';
import { loadFlowPackage } from './load-package.ts';
import {
  MAX_FILE_BYTES,
  MAX_JSON_DEPTH,
  MAX_PACKAGE_BYTES,
  MAX_STRING_LENGTH,
  PackageFiles,
} from './package-files.ts';
import {
  BUILT_IN_FLOW,
  editManifest,
  hostilePackage,
  refusal,
  removeHostilePackages,
} from './testing/hostile-package.ts';

afterAll(removeHostilePackages);

/** The one problem about `file` (and `pointer` when given) among the loader's problems. */
function problemAbout(dir: string, file: string, pointer?: string): FlowPackageError {
  const problems = refusal(dir).problems.filter(
    (p) => p.file === file && (pointer === undefined || p.pointer === pointer),
  );
  expect(problems, refusal(dir).message).toHaveLength(1);
  return problems[0] as FlowPackageError;
}

describe('package file names', () => {
  it('refuses "../x.json" for the machine even when that file exists', () => {
    const { dir } = hostilePackage(({ dir }) => {
      writeFileSync(join(dir, '..', 'x.json'), '{}');
      editManifest(dir, (m) => (m.machine = '../x.json'));
    });
    const problem = problemAbout(dir, 'flow.json', '/machine');
    expect(problem.problem).toContain('".."');
    expect(problem.fix).toContain('inside the package folder');
  });

  it('refuses "/etc/passwd" for the machine and never shows what it holds', () => {
    const { dir } = hostilePackage(({ dir }) =>
      editManifest(dir, (m) => (m.machine = '/etc/passwd')),
    );
    const error = refusal(dir);
    expect(problemAbout(dir, 'flow.json', '/machine').problem).toContain('absolute path');
    expect(error.message).not.toContain('root:');
  });

  it.each([
    ['a backslash', 'i18n\\en.json', 'backslash'],
    ['a NUL character', 'i18n/en.json\u0000.txt', 'NUL'],
    ['an empty name', '', 'empty'],
  ])('refuses a strings file name with %s', (_, name, word) => {
    const { dir } = hostilePackage(({ dir }) =>
      editManifest(dir, (m) => ((m.strings as Record<string, string>).en = name)),
    );
    expect(problemAbout(dir, 'flow.json', '/strings/en').problem).toContain(word);
  });
});

describe('the package itself', () => {
  it('says so when the path names a file, not a folder', () => {
    const { dir } = hostilePackage(() => undefined);
    const problem = problemAbout(join(dir, 'flow.json'), '');
    expect(problem.problem).toBe('the package path is a file, not a folder');
  });

  it('points at the whole document ("") when flow.json is not an object', () => {
    const { dir } = hostilePackage(({ dir }) => writeFileSync(join(dir, 'flow.json'), '[]'));
    expect(problemAbout(dir, 'flow.json', '').problem).toContain('expected object');
  });
});

describe('symbolic links', () => {
  it('refuses a machine.json linked to /etc/passwd and never shows what it holds', () => {
    const { dir } = hostilePackage(({ dir }) => {
      unlinkSync(join(dir, 'machine.json'));
      symlinkSync('/etc/passwd', join(dir, 'machine.json'));
    });
    expect(problemAbout(dir, 'machine.json').problem).toContain('leads outside the package');
    expect(refusal(dir).message).not.toContain('root:');
  });

  it('refuses an i18n/ folder linked outside the package, for each file read through it', () => {
    const { dir } = hostilePackage(({ dir, outside }) => {
      rmSync(join(dir, 'i18n'), { recursive: true });
      symlinkSync(join(outside, 'i18n'), join(dir, 'i18n'));
    });
    expect(problemAbout(dir, 'i18n/en.json').problem).toContain('leads outside the package');
    expect(problemAbout(dir, 'i18n/zh-CN.json').fix).toContain('copy the file into the package');
  });

  it('follows a link that stays inside the package', () => {
    const { dir } = hostilePackage(({ dir }) => {
      mkdirSync(join(dir, 'shared'));
      execFileSync('mv', [join(dir, 'screens.json'), join(dir, 'shared', 'screens.json')]);
      symlinkSync(join('shared', 'screens.json'), join(dir, 'screens.json'));
    });
    expect(Object.keys(loadFlowPackage(dir).screens)).toContain('preview');
  });

  it('reports a link to nothing as such, not as a missing file', () => {
    const { dir } = hostilePackage(({ dir, outside }) => {
      unlinkSync(join(dir, 'screens.json'));
      symlinkSync(join(outside, 'nowhere.json'), join(dir, 'screens.json'));
    });
    expect(problemAbout(dir, 'screens.json').problem).toContain('symbolic link to nothing');
  });
});

describe('what is read', () => {
  it('refuses a FIFO named as machine.json without waiting on it', () => {
    const { dir } = hostilePackage(({ dir }) => {
      unlinkSync(join(dir, 'machine.json'));
      execFileSync('mkfifo', [join(dir, 'machine.json')]);
    });
    expect(problemAbout(dir, 'machine.json').problem).toContain('not a regular file');
  });

  it('refuses a 300 MB strings file by its size, without reading it', () => {
    const { dir } = hostilePackage(({ dir }) =>
      truncateSync(join(dir, 'i18n', 'en.json'), 300 * 1024 * 1024),
    );
    const problem = problemAbout(dir, 'i18n/en.json');
    expect(problem.problem).toContain(`more than the ${MAX_FILE_BYTES} bytes`);
  });

  it('refuses a package whose files together exceed the package limit', () => {
    const filler = ' '.repeat(MAX_FILE_BYTES - 10) + '{}';
    const count = Math.ceil(MAX_PACKAGE_BYTES / filler.length);
    const { dir } = hostilePackage(({ dir }) => {
      mkdirSync(join(dir, 'templates'));
      for (let i = 0; i < count; i++) writeFileSync(join(dir, 'templates', `t${i}.json`), filler);
    });
    const problems = refusal(dir).problems.filter((p) => p.problem.includes('together exceed'));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('refuses a 1,000,000-deep nested array by position, with no stack overflow', () => {
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(join(dir, 'machine.json'), '['.repeat(1_000_000)),
    );
    const problem = problemAbout(dir, 'machine.json');
    expect(problem.problem).toContain(`line 1, column ${MAX_JSON_DEPTH + 1}`);
    expect(problem.fix).toContain(`at most ${MAX_JSON_DEPTH} levels deep`);
  });

  it('scans 1,000,000 nested brackets, closed or not, in a loop', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(scanJson(deep, MAX_JSON_DEPTH)?.tooDeep).toBe(true);
    expect(scanJson(deep, 2_000_000)).toBeUndefined();
  });

  it('refuses a 1 MB string and names where it is', () => {
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(
        join(dir, 'i18n', 'en.json'),
        JSON.stringify({ 'idle.title': 'x'.repeat(1e6) }),
      ),
    );
    const problem = problemAbout(dir, 'i18n/en.json', '/idle.title');
    expect(problem.problem).toContain(`more than ${MAX_STRING_LENGTH}`);
  });

  it('refuses an over-long key too', () => {
    const problems: FlowPackageError[] = [];
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(
        join(dir, 'machine.json'),
        JSON.stringify({ states: { ['k'.repeat(5000)]: 1 } }),
      ),
    );
    expect(new PackageFiles(dir, problems).readJson('machine.json')).toBeUndefined();
    expect(problems.map((p) => p.pointer)).toEqual([`/states/${'k'.repeat(5000)}`]);
    expect(problems[0]?.problem).toContain('a key is 5000 characters');
  });

  it('reports invalid JSON by line and column only, never quoting the text', () => {
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(join(dir, 'screens.json'), '{\n  "secret-looking": "value",\n  oops\n}'),
    );
    const problem = problemAbout(dir, 'screens.json');
    expect(problem.message).toContain('line 3, column 3');
    expect(problem.message).not.toContain('secret-looking');
    expect(problem.message).not.toContain('oops');
  });

  it('refuses a file that is not UTF-8', () => {
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(join(dir, 'i18n', 'zh-CN.json'), Buffer.from([0x7b, 0xff, 0x7d])),
    );
    expect(problemAbout(dir, 'i18n/zh-CN.json').problem).toContain('not UTF-8');
  });

  it('lists every problem at once', () => {
    const { dir } = hostilePackage(({ dir }) => {
      unlinkSync(join(dir, 'machine.json'));
      symlinkSync('/etc/passwd', join(dir, 'machine.json'));
      truncateSync(join(dir, 'i18n', 'en.json'), 300 * 1024 * 1024);
      writeFileSync(join(dir, 'screens.json'), '{');
    });
    const files = refusal(dir).problems.map((p) => p.file);
    expect(files).toEqual(expect.arrayContaining(['machine.json', 'i18n/en.json', 'screens.json']));
  });

  it('still loads the built-in package', () => {
    expect(loadFlowPackage(BUILT_IN_FLOW).manifest.id).toBe('si-payment-certificate');
  });
});
