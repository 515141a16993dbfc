import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCheckChar } from './check-digit.ts';
import { CARD_PROFILES } from './profiles.ts';
import { cardTextOf } from './simulated-card.ts';
import { decodeTextBlock, encodeTextBlock, type DecodedTextBlock } from './text-block.ts';

/** Builds a block by hand from the spec's offsets, independent of the encoder under test. */
function handBlock(
  fields: [offset: number, bytes: number, text: string][],
  flag: string,
  pad = ' ',
): Uint8Array {
  const block = Buffer.alloc(256);
  block.write(pad.repeat(128), 0, 'utf16le');
  for (const [offset, bytes, text] of fields)
    block.write(text.padEnd(bytes / 2, pad), offset, bytes, 'utf16le');
  block.write(flag, 248, 2, 'utf16le');
  return new Uint8Array(block);
}

function cardOf(decoded: DecodedTextBlock) {
  if (decoded.kind !== 'card') throw new Error(`expected a card, got ${decoded.detail}`);
  return decoded.card;
}

const RESIDENT_FIELDS: [number, number, string][] = [
  [0, 30, '张三丰'],
  [30, 2, '1'],
  [32, 4, '01'],
  [36, 16, '19560315'],
  [52, 70, '江苏省南京市鼓楼区示例路88号'],
  [122, 36, '32010619560315123X'],
  [158, 30, '南京市公安局鼓楼分局'],
  [188, 16, '20160315'],
  [204, 16, '长期'],
];

describe('decoding the 256-byte text block', () => {
  it('reads a resident card laid out as the spec says', () => {
    expect(cardOf(decodeTextBlock(handBlock(RESIDENT_FIELDS, ' ')))).toEqual({
      cardType: 'resident',
      name: '张三丰',
      gender: 'male',
      genderCode: '1',
      nationCode: '01',
      nation: '汉',
      birthDate: '1956-03-15',
      address: '江苏省南京市鼓楼区示例路88号',
      idNumber: '32010619560315123X',
      checkDigitValid: true,
      issuer: '南京市公安局鼓楼分局',
      validFrom: '2016-03-15',
      validTo: 'long-term',
    });
  });

  it('reads a resident card whose module pads with NULs and sends a NUL type flag', () => {
    const card = cardOf(decodeTextBlock(handBlock(RESIDENT_FIELDS, '\u0000', '\u0000')));
    expect(card).toMatchObject({
      cardType: 'resident',
      name: '张三丰',
      validTo: 'long-term',
      nation: '汉',
    });
  });

  it('flags a wrong check character without refusing the card', () => {
    const fields = RESIDENT_FIELDS.map(([o, b, t]): [number, number, string] => [
      o,
      b,
      o === 122 ? '320106195603151231' : t,
    ]);
    expect(cardOf(decodeTextBlock(handBlock(fields, ' ')))).toMatchObject({
      checkDigitValid: false,
      idNumber: '320106195603151231',
    });
  });

  it('reads an HK/Macau/Taiwan residence permit with its pass number and issue count', () => {
    const block = handBlock(
      [
        [0, 30, '黄家明'],
        [30, 2, '1'],
        [36, 16, '19900101'],
        [52, 70, '江苏省苏州市工业园区测试路1号'],
        [122, 36, '810000199001011230'],
        [158, 30, '苏州市公安局'],
        [188, 16, '20200601'],
        [204, 16, '20300601'],
        [220, 18, 'H60000001'],
        [238, 4, '01'],
      ],
      'J',
    );
    const card = cardOf(decodeTextBlock(block));
    expect(card).toMatchObject({
      cardType: 'hkmotw-permit',
      passNumber: 'H60000001',
      issueCount: '01',
      idNumber: '810000199001011230',
      checkDigitValid: true,
      validTo: '2030-06-01',
    });
    expect(card.nationCode).toBeUndefined();
  });

  it("reads a foreigner's permanent residence card with English name, nationality and birth date at 220", () => {
    const block = handBlock(
      [
        [0, 120, 'SMITH, ALICE MARY'],
        [120, 2, '2'],
        [122, 30, 'GBR320000880512'],
        [152, 6, 'GBR'],
        [158, 30, '史爱丽'],
        [188, 16, '20210101'],
        [204, 16, '20310101'],
        [220, 16, '19850512'],
        [236, 4, '01'],
        [240, 8, '1500'],
      ],
      'I',
    );
    expect(cardOf(decodeTextBlock(block))).toEqual({
      cardType: 'foreign-permanent',
      name: '史爱丽',
      nameEn: 'SMITH, ALICE MARY',
      gender: 'female',
      genderCode: '2',
      birthDate: '1985-05-12',
      idNumber: 'GBR320000880512',
      checkDigitValid: null,
      nationality: 'GBR',
      validFrom: '2021-01-01',
      validTo: '2031-01-01',
      cardVersion: '01',
      authorityCode: '1500',
    });
  });

  it("decodes a 2023 foreigner's card ('Y') from the fields the resident layout places", () => {
    const card = cardOf(
      decodeTextBlock(
        handBlock(
          [
            [0, 30, '奥卡福'],
            [30, 2, '1'],
            [36, 16, '19900320'],
            [52, 70, 'OKAFOR, CHIDI EMEKA'],
            [122, 36, '93256619900320001X'],
            [188, 16, '20240115'],
            [204, 16, '20340115'],
          ],
          'Y',
        ),
      ),
    );
    expect(card).toEqual({
      cardType: 'foreign-permanent',
      name: '奥卡福',
      nameEn: 'OKAFOR, CHIDI EMEKA',
      gender: 'male',
      genderCode: '1',
      birthDate: '1990-03-20',
      idNumber: '93256619900320001X',
      checkDigitValid: true,
      validFrom: '2024-01-15',
      validTo: '2034-01-15',
    });
  });

  it('returns an unsupported result with the raw block for a flag it has no layout for', () => {
    const block = handBlock([[0, 30, 'SOMEONE']], 'Z');
    const decoded = decodeTextBlock(block);
    expect(decoded).toMatchObject({ kind: 'unsupported', typeFlag: 'Z' });
    if (decoded.kind === 'unsupported') expect(Buffer.from(decoded.raw).equals(block)).toBe(true);
  });

  it('returns an unsupported result for a block that is not 256 bytes', () => {
    const decoded = decodeTextBlock(new Uint8Array(200));
    expect(decoded.kind === 'unsupported' ? decoded.detail : decoded.kind).toMatch(/200 bytes/);
  });

  it('maps gender codes 0 and 9 to unknown and keeps the raw code', () => {
    const fields = RESIDENT_FIELDS.map(([o, b, t]): [number, number, string] => [
      o,
      b,
      o === 30 ? '9' : t,
    ]);
    expect(cardOf(decodeTextBlock(handBlock(fields, ' ')))).toMatchObject({
      gender: 'unknown',
      genderCode: '9',
    });
  });
});

describe('encoding the text block', () => {
  it('writes exactly the bytes of a hand-laid resident block', () => {
    const block = handBlock(RESIDENT_FIELDS, ' ');
    expect(Buffer.from(encodeTextBlock(cardOf(decodeTextBlock(block)))).equals(block)).toBe(true);
  });

  it.each(CARD_PROFILES.map((p) => [p.id, p] as const))(
    'round-trips the %s profile through encode and decode',
    (_id, profile) => {
      const input = cardTextOf(profile);
      const card = cardOf(decodeTextBlock(encodeTextBlock(input)));
      expect(card).toMatchObject(input);
      expect(card.checkDigitValid).not.toBe(false);
      expect(encodeTextBlock(card)).toEqual(encodeTextBlock(input));
    },
  );

  it('refuses a name longer than the card holds, naming the field', () => {
    const input = { ...cardTextOf(CARD_PROFILES[0]!), name: '一二三四五六七八九十一二三四五六' };
    expect(() => encodeTextBlock(input)).toThrow(
      /^name has 16 characters; the resident card holds 15/,
    );
  });
});

describe('the text block under random card data', () => {
  const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;
  const hanzi = fc.constantFrom(
    ...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  );
  const text = (max: number) =>
    fc.array(hanzi, { minLength: 1, maxLength: max }).map((chars) => chars.join(''));
  const date = fc
    .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

  it('decodes whatever it encodes for resident cards', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: text(15),
          gender: fc.constantFrom('male' as const, 'female' as const),
          nationCode: fc.constantFrom('01', '03', '56', '97', '98'),
          birthDate: date,
          address: text(35),
          idNumber: digits(17).map(withCheckChar),
          issuer: text(15),
          validFrom: date,
          validTo: fc.oneof(date, fc.constant('long-term')),
        }),
        (fields) => {
          const card = cardOf(
            decodeTextBlock(encodeTextBlock({ cardType: 'resident', ...fields })),
          );
          expect(card).toMatchObject({ ...fields, checkDigitValid: true });
        },
      ),
      { numRuns },
    );
  });
});
