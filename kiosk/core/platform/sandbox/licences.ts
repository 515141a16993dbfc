import { maskIdNumber } from '../../privacy/mask.ts';
import type { LicenceList, RealEstateRecord } from '../schemas-services.ts';
import { ageOn } from './calendar.ts';
import { seededRandom, type Resident } from './residents.ts';

/**
 * A resident's e-licences (电子证照) and registered real estate, grown from their seed like the
 * contribution records. Every number leaves here masked; the full numbers are never made.
 */

type Licence = LicenceList['licences'][number];
type Property = RealEstateRecord['properties'][number];

const ID_CARD_NAMES: Record<Resident['profile']['cardType'], [string, string]> = {
  resident: ['居民身份证', 'Resident ID card'],
  'hkmotw-permit': ['港澳台居民居住证', 'Residence permit for HK, Macao and Taiwan residents'],
  'foreign-permanent': ['外国人永久居留身份证', 'Foreign permanent resident ID card'],
};

const DISTRICTS = [
  ['南京市建邺区示例路', 'Example Rd, Jianye District, Nanjing'],
  ['南京市鼓楼区演示街', 'Demo St, Gulou District, Nanjing'],
  ['苏州市工业园区样例路', 'Sample Rd, Suzhou Industrial Park'],
] as const;

/** Second stream of a person's seed, so licences do not shift their contribution figures. */
const LICENCE_STREAM = 0x9e3779b9;

function dayOf(year: number, random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  const dayOfMonth = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function digits(count: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(random() * 10));
  return out;
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** The properties registered to a resident; none for a person without records. */
export function propertiesOf(resident: Resident): Property[] {
  if (!resident.hasRecords) return [];
  const random = seededRandom(resident.seed ^ LICENCE_STREAM);
  const count = 1 + Math.floor(random() * 2);
  const firstYear = Math.max(Number(resident.profile.birthDate.slice(0, 4)) + 25, 2000);
  return Array.from({ length: count }, (_unused, i) => {
    const [location, locationEn] =
      DISTRICTS[Math.floor(random() * DISTRICTS.length)] ?? DISTRICTS[0];
    const number = 10 + Math.floor(random() * 190);
    const home = i === 0 || random() < 0.7;
    const year = Math.min(firstYear + i * 6 + Math.floor(random() * 4), 2024);
    return {
      location: `${location}${number}号${1 + Math.floor(random() * 20)}幢${101 + Math.floor(random() * 1800)}室`,
      locationEn: `No. ${number}, ${locationEn}`,
      area: `${50 + Math.floor(random() * 90)}.${digits(2, random)}`,
      use: home ? '住宅' : '商业服务',
      useEn: home ? 'Residential' : 'Commercial',
      registeredOn: dayOf(year, random),
      certificateNoMasked: maskIdNumber(`苏(${year})宁不动产权第${digits(7, random)}号`),
    };
  });
}

/** The resident's e-licences, ID card first. */
export function licencesOf(resident: Resident, now: Date): Licence[] {
  const { profile } = resident;
  const random = seededRandom(resident.seed ^ (LICENCE_STREAM >>> 1));
  const age = ageOn(profile.birthDate, now);
  const born = Number(profile.birthDate.slice(0, 4));
  const [idName, idNameEn] = ID_CARD_NAMES[profile.cardType];
  const licences: Licence[] = [
    {
      id: 'lic-id-card',
      kind: 'id-card',
      name: idName,
      nameEn: idNameEn,
      numberMasked: maskIdNumber(profile.idNumber),
      issuer: profile.issuer ?? '国家移民管理局',
      issuerEn: profile.issuer ? 'Public Security Bureau' : 'National Immigration Administration',
      issuedOn: isoDate(profile.validFrom),
      ...(/^\d{8}$/.test(profile.validTo) ? { validUntil: isoDate(profile.validTo) } : {}),
    },
  ];
  const add = (
    kind: Licence['kind'],
    name: string,
    nameEn: string,
    issuer: string,
    issuerEn: string,
    year: number,
  ): void => {
    licences.push({
      id: `lic-${kind}`,
      kind,
      name,
      nameEn,
      numberMasked: maskIdNumber(digits(16, random)),
      issuer,
      issuerEn,
      issuedOn: dayOf(Math.min(year, 2024), random),
    });
  };
  if (profile.cardType === 'resident') {
    add(
      'household-register',
      '居民户口簿',
      'Household register',
      '南京市公安局',
      'Nanjing Public Security Bureau',
      born + 18,
    );
  }
  if (age >= 25 && random() < 0.75) {
    add(
      'marriage',
      '结婚证',
      'Marriage certificate',
      '南京市鼓楼区民政局',
      'Gulou District Civil Affairs Bureau',
      born + 25,
    );
  }
  if (random() < 0.6)
    add(
      'degree',
      '学士学位证书',
      "Bachelor's degree certificate",
      '南京示例大学',
      'Nanjing Example University',
      born + 22,
    );
  if (propertiesOf(resident).length > 0) {
    add(
      'real-estate',
      '不动产权证书',
      'Real estate title certificate',
      '南京市不动产登记中心',
      'Nanjing Real Estate Registration Center',
      born + 30,
    );
  }
  if (age >= 18 && random() < 0.8) {
    add(
      'driving-licence',
      '机动车驾驶证',
      'Driving licence',
      '南京市公安局交通管理局',
      'Nanjing Traffic Police',
      born + 20,
    );
  }
  return licences;
}
