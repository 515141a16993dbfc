/**
 * Fictional card holders the ID-card simulator can present. Every ID number carries a valid
 * GB 11643 check character, and the embedded sandbox platform holds records for the same
 * people, so a simulated journey can run end to end. None of these people exist.
 */

/** The card data a simulated card carries, before it is encoded into the 256-byte block. */
export interface CardProfile {
  /** Stable profile id used by the simulator control API and tests. */
  id: string;
  /** Label for the simulator panel. */
  label: string;
  cardType: 'resident' | 'hkmotw-permit' | 'foreign-permanent';
  name: string;
  nameEn?: string;
  gender: 'male' | 'female';
  /** GB 3304 nation code, resident cards only. */
  nationCode?: string;
  /** YYYYMMDD */
  birthDate: string;
  address?: string;
  idNumber: string;
  issuer?: string;
  /** YYYYMMDD */
  validFrom: string;
  /** YYYYMMDD or 长期 */
  validTo: string;
  passNumber?: string;
  issueCount?: string;
  nationality?: string;
  /** 追加住址: the address written to the card after a move, answered by command `30 03`. */
  appendedAddress?: string;
}

/** The built-in fictional card holders. */
export const CARD_PROFILES: readonly CardProfile[] = [
  {
    id: 'resident-li',
    label: '居民身份证 · 李明华 (有社保记录)',
    cardType: 'resident',
    name: '李明华',
    gender: 'male',
    nationCode: '01',
    birthDate: '19560315',
    address: '江苏省南京市鼓楼区示例路88号',
    idNumber: '32010619560315123X',
    issuer: '南京市公安局鼓楼分局',
    validFrom: '20160315',
    validTo: '长期',
  },
  {
    id: 'resident-wang',
    label: '居民身份证 · 王秀英 (有社保记录)',
    cardType: 'resident',
    name: '王秀英',
    gender: 'female',
    nationCode: '03',
    birthDate: '19880808',
    address: '江苏省南京市玄武区演示大街12号3幢401室',
    idNumber: '320102198808084526',
    issuer: '南京市公安局玄武分局',
    validFrom: '20180808',
    validTo: '20380808',
    appendedAddress: '江苏省南京市秦淮区样板巷6号',
  },
  {
    id: 'resident-sun-no-record',
    label: '居民身份证 · 孙德厚 (无社保记录)',
    cardType: 'resident',
    name: '孙德厚',
    gender: 'male',
    nationCode: '01',
    birthDate: '19470701',
    address: '安徽省合肥市长丰县样例村5组',
    idNumber: '340122194707010019',
    issuer: '长丰县公安局',
    validFrom: '20070701',
    validTo: '长期',
  },
  {
    id: 'permit-huang',
    label: '港澳台居民居住证 · 黄家明',
    cardType: 'hkmotw-permit',
    name: '黄家明',
    gender: 'male',
    birthDate: '19900101',
    address: '江苏省苏州市工业园区测试路1号',
    idNumber: '810000199001011230',
    issuer: '苏州市公安局',
    validFrom: '20200601',
    validTo: '20300601',
    passNumber: 'H60000001',
    issueCount: '01',
  },
  {
    id: 'foreign-smith',
    label: '外国人永久居留身份证 · ALICE MARY SMITH',
    cardType: 'foreign-permanent',
    name: '史爱丽',
    nameEn: 'SMITH, ALICE MARY',
    gender: 'female',
    birthDate: '19850512',
    idNumber: 'GBR320000880512',
    nationality: 'GBR',
    validFrom: '20210101',
    validTo: '20310101',
  },
  {
    // The 2023 card: an 18-digit number starting 9 (province 32, country code 566, birth date).
    id: 'foreign-okafor-2023',
    label: '外国人永久居留身份证 (2023版) · CHIDI OKAFOR',
    cardType: 'foreign-permanent',
    name: '奥卡福',
    nameEn: 'OKAFOR, CHIDI EMEKA',
    gender: 'male',
    birthDate: '19900320',
    idNumber: '93256619900320001X',
    validFrom: '20240115',
    validTo: '20340115',
  },
];

/** Finds a profile by id; throws a RangeError naming the known ids when there is none. */
export function cardProfile(id: string): CardProfile {
  const found = CARD_PROFILES.find((p) => p.id === id);
  if (!found) {
    throw new RangeError(
      `no card profile "${id}"; known profiles: ${CARD_PROFILES.map((p) => p.id).join(', ')}`,
    );
  }
  return found;
}
