import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepForPersonalData } from './privacy-sweep.ts';

const NAME = '史爱丽';
const ID = '110101199003071234';

describe('sweepForPersonalData', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a value in UTF-8, UTF-16LE and GB18030, deep in folders, and skips excluded paper', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-sweep-'));
    mkdirSync(join(dir, 'profile', 'Local Storage', 'leveldb'), { recursive: true });
    mkdirSync(join(dir, 'paper'));
    writeFileSync(join(dir, 'clean.log'), 'session ended, nothing to see\n');
    writeFileSync(join(dir, 'kiosk.log'), `{"msg":"read ${ID}"}\n`);
    writeFileSync(
      join(dir, 'profile', 'Local Storage', 'leveldb', '000003.log'),
      Buffer.from(NAME, 'utf16le'),
    );
    writeFileSync(join(dir, 'receipt.bin'), iconv.encode(`姓名:${NAME}`, 'gb18030'));
    writeFileSync(join(dir, 'paper', 'certificate.pdf'), `${NAME} ${ID}`);

    const { findings, filesRead, problems } = sweepForPersonalData(
      [dir],
      [join(dir, 'paper')],
      [NAME, ID],
    );

    expect(problems).toEqual([]);
    expect(filesRead).toBe(4);
    const found = findings.map((f) => `${f.file.slice(dir.length + 1)} ${f.encoding}`).sort();
    expect(found).toEqual([
      'kiosk.log utf-8',
      'profile/Local Storage/leveldb/000003.log utf-16le',
      'receipt.bin gb18030',
    ]);
  });

  it('finds nothing in a tree without the values', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-sweep-'));
    writeFileSync(join(dir, 'a.txt'), 'masked: 史*丽 110101********1234');
    const { findings, filesRead } = sweepForPersonalData([dir], [], [NAME, ID]);
    expect(filesRead).toBe(1);
    expect(findings).toEqual([]);
  });
});
