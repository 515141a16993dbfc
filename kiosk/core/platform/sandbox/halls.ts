import type { BusinessType, Hall, HallQueues } from '../schemas-services.ts';

/**
 * The sandbox's service halls (政务服务中心) and the business types each serves. Coordinates
 * are near the real districts so distances look right; names, numbers and addresses are
 * fictional. Navigation links use the public geo: scheme's web form so any phone can open them.
 */

/** A business type with the ticket letter its queue calls out and its counter's pace. */
export interface HallBusinessType extends BusinessType {
  letter: string;
  /** Average minutes one resident takes at the counter: the expected wait's unit. */
  minutesEach: number;
}

/** Every business type any sandbox hall serves. The first four are the original hall's. */
export const BUSINESS_TYPES: readonly HallBusinessType[] = [
  {
    id: 'si-certificate',
    name: '社保缴费证明',
    nameEn: 'Social insurance certificates',
    letter: 'A',
    minutesEach: 4,
  },
  {
    id: 'hpf-certificate',
    name: '公积金缴存证明',
    nameEn: 'Housing fund certificates',
    letter: 'B',
    minutesEach: 5,
  },
  {
    id: 'application-progress',
    name: '办件进度查询',
    nameEn: 'Application progress',
    letter: 'C',
    minutesEach: 3,
  },
  { id: 'general', name: '综合受理窗口', nameEn: 'General counter', letter: 'D', minutesEach: 8 },
  {
    id: 'household',
    name: '户籍业务',
    nameEn: 'Household registration',
    letter: 'E',
    minutesEach: 10,
  },
  {
    id: 'medical-insurance',
    name: '医保业务',
    nameEn: 'Medical insurance',
    letter: 'F',
    minutesEach: 6,
  },
  {
    id: 'real-estate',
    name: '不动产登记',
    nameEn: 'Real estate registration',
    letter: 'G',
    minutesEach: 15,
  },
  {
    id: 'enterprise',
    name: '企业开办',
    nameEn: 'Company establishment',
    letter: 'H',
    minutesEach: 12,
  },
  {
    id: 'marriage',
    name: '婚姻登记',
    nameEn: 'Marriage registration',
    letter: 'J',
    minutesEach: 20,
  },
  { id: 'tax', name: '税务业务', nameEn: 'Tax services', letter: 'K', minutesEach: 7 },
];

interface HallSeed extends Omit<Hall, 'businessTypes' | 'navUrl'> {
  types: readonly string[];
}

const WEEKDAYS = [
  '周一至周五 9:00-17:00，周六 9:00-12:00',
  'Mon-Fri 9:00-17:00, Sat 9:00-12:00',
] as const;

// One hall a line, so the table reads as a directory.
// prettier-ignore
const HALL_SEEDS: readonly HallSeed[] = [
  { id: 'nj-city', name: '南京市民中心政务服务大厅', nameEn: 'Nanjing Citizen Centre Service Hall', address: '江苏省南京市建邺区江东中路示例路1号', addressEn: '1 Example Rd, Jiangdong Middle Rd, Jianye District, Nanjing', hours: WEEKDAYS[0], hoursEn: WEEKDAYS[1], phone: '025-12345001', lat: 32.0036, lng: 118.7296, types: ['si-certificate', 'hpf-certificate', 'application-progress', 'general', 'household', 'medical-insurance', 'real-estate', 'enterprise', 'tax'] },
  { id: 'nj-gulou', name: '鼓楼区政务服务中心', nameEn: 'Gulou District Service Centre', address: '江苏省南京市鼓楼区示例大街88号', addressEn: '88 Example Ave, Gulou District, Nanjing', hours: WEEKDAYS[0], hoursEn: WEEKDAYS[1], phone: '025-12345002', lat: 32.0663, lng: 118.7695, types: ['si-certificate', 'hpf-certificate', 'general', 'household', 'medical-insurance', 'marriage'] },
  { id: 'nj-xuanwu', name: '玄武区政务服务中心', nameEn: 'Xuanwu District Service Centre', address: '江苏省南京市玄武区演示路36号', addressEn: '36 Demo Rd, Xuanwu District, Nanjing', hours: WEEKDAYS[0], hoursEn: WEEKDAYS[1], phone: '025-12345003', lat: 32.0487, lng: 118.7975, types: ['general', 'household', 'marriage', 'real-estate'] },
  { id: 'nj-jiangning', name: '江宁区政务服务中心', nameEn: 'Jiangning District Service Centre', address: '江苏省南京市江宁区样例大道100号', addressEn: '100 Sample Blvd, Jiangning District, Nanjing', hours: '周一至周日 9:00-17:00', hoursEn: 'Daily 9:00-17:00', phone: '025-12345004', lat: 31.9526, lng: 118.8398, types: ['si-certificate', 'general', 'enterprise', 'tax', 'real-estate'] },
  { id: 'nj-pukou', name: '浦口区政务服务中心', nameEn: 'Pukou District Service Centre', address: '江苏省南京市浦口区测试路9号', addressEn: '9 Test Rd, Pukou District, Nanjing', hours: WEEKDAYS[0], hoursEn: WEEKDAYS[1], phone: '025-12345005', lat: 32.0588, lng: 118.6277, types: ['general', 'household', 'medical-insurance'] },
  { id: 'sz-city', name: '苏州市政务服务中心', nameEn: 'Suzhou Government Service Centre', address: '江苏省苏州市姑苏区示例街2号', addressEn: '2 Example St, Gusu District, Suzhou', hours: WEEKDAYS[0], hoursEn: WEEKDAYS[1], phone: '0512-12345006', lat: 31.2990, lng: 120.5853, types: ['si-certificate', 'hpf-certificate', 'application-progress', 'general', 'enterprise', 'tax'] },
];

function typeOf(id: string): HallBusinessType {
  const found = BUSINESS_TYPES.find((t) => t.id === id);
  if (!found) throw new Error(`no business type ${id}`);
  return found;
}

/** Every sandbox hall, as `GET /api/v1/halls` lists them. The first is the default hall. */
export const HALLS: readonly Hall[] = HALL_SEEDS.map(({ types, ...hall }) => ({
  ...hall,
  navUrl: `https://uri.amap.com/marker?position=${hall.lng},${hall.lat}&name=${encodeURIComponent(hall.name)}`,
  businessTypes: types.map((id) => {
    const { letter: _letter, minutesEach: _minutes, ...type } = typeOf(id);
    return type;
  }),
}));

/** The hall tickets go to when a request names none. */
export const DEFAULT_HALL_ID = 'nj-city';

/** A hall's business type, or undefined when the hall does not serve it. */
export function hallBusinessType(hallId: string, typeId: string): HallBusinessType | undefined {
  const hall = HALLS.find((h) => h.id === hallId);
  if (!hall?.businessTypes.some((t) => t.id === typeId)) return undefined;
  return typeOf(typeId);
}

/** Starting queue length of a business type in a hall: stable, so tests can predict it. */
export function startingQueue(hallId: string, typeId: string): { last: number; waiting: number } {
  let hash = 0;
  for (const c of `${hallId}/${typeId}`) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return { last: hash % 60, waiting: hash % 7 };
}

/** Live queues of one hall, for `GET /api/v1/halls/{id}/business-types`. */
export function hallQueues(hall: Hall, waiting: (typeId: string) => number): HallQueues {
  return {
    hallId: hall.id,
    businessTypes: hall.businessTypes.map((type) => {
      const people = waiting(type.id);
      return {
        ...type,
        peopleWaiting: people,
        expectedWaitMinutes: people * typeOf(type.id).minutesEach,
      };
    }),
  };
}
