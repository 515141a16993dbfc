import type { Guide } from '../schemas-services.ts';

/**
 * The sandbox's service catalogue (办事指南): fictional but realistic guides, one source for
 * every channel (同源发布). Each life event and several departments are covered, enterprise
 * services included. `flowId` names the kiosk flow that does the service, when there is one.
 */

const D = {
  police: ['南京市公安局', 'Nanjing Public Security Bureau'],
  hrss: ['南京市人力资源和社会保障局', 'Nanjing Human Resources and Social Security Bureau'],
  medical: ['南京市医疗保障局', 'Nanjing Healthcare Security Administration'],
  hpf: ['南京住房公积金管理中心', 'Nanjing Housing Provident Fund Management Center'],
  estate: ['南京市不动产登记中心', 'Nanjing Real Estate Registration Center'],
  civil: ['南京市民政局', 'Nanjing Civil Affairs Bureau'],
  education: ['南京市教育局', 'Nanjing Education Bureau'],
  health: ['南京市卫生健康委员会', 'Nanjing Health Commission'],
  market: ['南京市市场监督管理局', 'Nanjing Administration for Market Regulation'],
  tax: ['国家税务总局南京市税务局', 'Nanjing Tax Service, STA'],
  data: ['南京市数据局', 'Nanjing Data Bureau'],
} as const;

type Dept = keyof typeof D;
type Text = readonly [string, string];

const ID_CARD: Text = ['居民身份证', 'Resident ID card'];
const HOUSEHOLD: Text = ['居民户口簿', 'Household register'];
const LICENCE: Text = ['营业执照', 'Business licence'];
const FORM: Text = [
  '申请表（现场填写或自助终端生成）',
  'Application form (filled in at the hall or on the kiosk)',
];
const STEPS_KIOSK: readonly Text[] = [
  ['刷身份证或扫居民码核验身份', 'Identify with the ID card or the resident code'],
  ['确认信息并选择所需内容', 'Check the details and choose what you need'],
  ['自助打印或提交，取回执', 'Print or submit, then take the receipt'],
];
const STEPS_HALL: readonly Text[] = [
  ['网上预约或现场取号', 'Book online or take a ticket at the hall'],
  ['窗口提交材料，受理审核', 'Hand in the materials at the counter for review'],
  ['审核通过后领取结果或邮寄送达', 'Collect the result or receive it by post'],
];

interface Seed {
  id: string;
  name: Text;
  dept: Dept;
  events: Guide['lifeEvents'];
  audience?: Guide['audience'];
  channel: Guide['channel'];
  keywords: string[];
  conditions: readonly Text[];
  materials: readonly Text[];
  steps?: readonly Text[];
  timeLimit: Text;
  fee?: Text;
  basis: string[];
  flowId?: string;
}

const FREE: Text = ['不收费', 'Free of charge'];
const NOW: Text = ['即办', 'Done on the spot'];

// One guide a line: the table reads as a catalogue, and Prettier would spread it over 800 lines.
// prettier-ignore
const SEEDS: readonly Seed[] = [
  { id: 'si-payment-certificate', name: ['社会保险参保缴费证明打印', 'Social insurance payment certificate'], dept: 'hrss', events: ['就业', '置业', '入学'], channel: 'both', keywords: ['社保', '缴费证明', '参保'], conditions: [['在本市参加社会保险的人员', 'Anyone insured in the city']], materials: [ID_CARD], steps: STEPS_KIOSK, timeLimit: NOW, basis: ['《中华人民共和国社会保险法》'], flowId: 'si-payment-certificate' },
  { id: 'hpf-deposit-certificate', name: ['住房公积金缴存证明打印', 'Housing provident fund deposit certificate'], dept: 'hpf', events: ['置业', '就业'], channel: 'both', keywords: ['公积金', '缴存证明', '贷款'], conditions: [['在本市缴存住房公积金的职工', 'Employees who deposit into the fund in the city']], materials: [ID_CARD], steps: STEPS_KIOSK, timeLimit: NOW, basis: ['《住房公积金管理条例》'], flowId: 'hpf-deposit-certificate' },
  { id: 'hpf-withdrawal-rent', name: ['住房公积金提取（租房）', 'Housing fund withdrawal for rent'], dept: 'hpf', events: ['就业', '置业'], channel: 'hall', keywords: ['公积金', '提取', '租房'], conditions: [['本人及配偶在本市无自有住房且连续足额缴存满3个月', 'No own home in the city and 3 months of full deposits']], materials: [ID_CARD, ['租房合同或租赁备案证明', 'Tenancy contract or filing']], timeLimit: ['3个工作日', '3 working days'], basis: ['《住房公积金管理条例》第二十四条'] },
  { id: 'real-estate-query', name: ['不动产登记信息查询', 'Real estate registration query'], dept: 'estate', events: ['置业', '入学', '身后'], channel: 'both', keywords: ['不动产', '房产', '查档', '无房证明'], conditions: [['权利人本人查询名下不动产', 'Owners query what is registered in their name']], materials: [ID_CARD], steps: STEPS_KIOSK, timeLimit: NOW, basis: ['《不动产登记暂行条例》', '《不动产登记资料查询暂行办法》'], flowId: 'real-estate-query' },
  { id: 'real-estate-transfer', name: ['存量房转移登记', 'Transfer registration of a resold home'], dept: 'estate', events: ['置业'], channel: 'hall', keywords: ['过户', '二手房', '转移登记'], conditions: [['买卖双方已签订存量房买卖合同并完税', 'A signed resale contract with the taxes paid']], materials: [ID_CARD, ['不动产权证书', 'Real estate title certificate'], ['存量房买卖合同', 'Resale contract'], ['完税凭证', 'Tax receipt']], timeLimit: ['1个工作日', '1 working day'], fee: ['住宅80元/件', 'CNY 80 per home'], basis: ['《中华人民共和国民法典》物权编', '《不动产登记暂行条例》'] },
  { id: 'birth-certificate', name: ['出生医学证明办理', 'Birth medical certificate'], dept: 'health', events: ['生育'], channel: 'hall', keywords: ['出生证', '新生儿', '出生医学证明'], conditions: [['在本市助产机构出生的新生儿', 'Babies born at a midwifery facility in the city']], materials: [['父母双方身份证', "Both parents' ID cards"], ['住院分娩记录', 'Hospital delivery record']], timeLimit: ['出院前办结', 'Before discharge'], basis: ['《中华人民共和国母婴保健法》第二十三条'] },
  { id: 'newborn-bundle', name: ['新生儿出生“一件事”', 'Newborn bundle: one application for five services'], dept: 'data', events: ['生育'], channel: 'both', keywords: ['新生儿', '出生', '一件事', '落户', '医保', '社保卡', '育儿补贴'], conditions: [['新生儿父母一方为本市户籍或持本市居住证', 'One parent registered in the city or holding its residence permit']], materials: [ID_CARD, HOUSEHOLD, ['结婚证', 'Marriage certificate'], ['出生医学证明', 'Birth medical certificate']], steps: STEPS_KIOSK, timeLimit: ['5个工作日', '5 working days'], basis: ['《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》'], flowId: 'newborn-bundle' },
  { id: 'newborn-household', name: ['出生登记（新生儿落户）', 'Birth registration in the household register'], dept: 'police', events: ['生育'], channel: 'both', keywords: ['落户', '户口', '出生登记', '上户口'], conditions: [['新生儿出生后一个月内申报', 'Within one month of birth']], materials: [['出生医学证明', 'Birth medical certificate'], HOUSEHOLD, ['父母身份证', "Parents' ID cards"]], timeLimit: NOW, basis: ['《中华人民共和国户口登记条例》第七条'] },
  { id: 'child-subsidy', name: ['育儿补贴申领', 'Childcare subsidy'], dept: 'health', events: ['生育'], channel: 'both', keywords: ['育儿补贴', '补贴', '生育'], conditions: [['三周岁以下婴幼儿', 'Children under three']], materials: [ID_CARD, ['婴幼儿户口信息', "The child's household entry"]], timeLimit: ['15个工作日', '15 working days'], basis: ['《育儿补贴制度实施方案》'] },
  { id: 'maternity-allowance', name: ['生育津贴申领', 'Maternity allowance'], dept: 'medical', events: ['生育'], channel: 'hall', keywords: ['生育津贴', '产假', '生育保险'], conditions: [['参加生育保险且连续缴费满12个月', '12 months of maternity insurance contributions']], materials: [ID_CARD, ['出生医学证明', 'Birth medical certificate']], timeLimit: ['10个工作日', '10 working days'], basis: ['《中华人民共和国社会保险法》第五十四条'] },
  { id: 'school-enrolment', name: ['义务教育入学报名', 'Compulsory school enrolment'], dept: 'education', events: ['入学'], channel: 'hall', keywords: ['入学', '报名', '学区', '小学', '初中'], conditions: [['适龄儿童少年在户籍或居住地学区报名', 'Children of school age, in the school district of home']], materials: [HOUSEHOLD, ['房产证明或居住证', 'Proof of home or residence permit']], timeLimit: ['按当年招生公告', 'As in the yearly admission notice'], basis: ['《中华人民共和国义务教育法》第十二条'] },
  { id: 'student-medical-insurance', name: ['学生医保参保登记', 'Student medical insurance enrolment'], dept: 'medical', events: ['入学'], channel: 'both', keywords: ['学生医保', '医保', '参保'], conditions: [['在本市就读的学生', 'Students at a school in the city']], materials: [HOUSEHOLD], timeLimit: NOW, fee: ['按年度个人缴费标准', 'The yearly personal contribution'], basis: ['《中华人民共和国社会保险法》第二十五条'] },
  { id: 'unemployment-registration', name: ['失业登记', 'Unemployment registration'], dept: 'hrss', events: ['就业'], channel: 'both', keywords: ['失业', '就业', '登记'], conditions: [['法定劳动年龄内有劳动能力和就业要求的失业人员', 'Jobless people of working age who want work']], materials: [ID_CARD], timeLimit: NOW, basis: ['《就业服务与就业管理规定》第六十二条'] },
  { id: 'unemployment-benefit', name: ['失业保险金申领', 'Unemployment benefit'], dept: 'hrss', events: ['就业'], channel: 'hall', keywords: ['失业金', '失业保险'], conditions: [['非本人意愿中断就业且缴费满一年', 'Involuntary job loss after a year of contributions']], materials: [ID_CARD, ['解除劳动合同证明', 'Proof of contract termination']], timeLimit: ['5个工作日', '5 working days'], basis: ['《失业保险条例》第十四条'] },
  { id: 'marriage-registration', name: ['结婚登记', 'Marriage registration'], dept: 'civil', events: ['婚姻'], channel: 'hall', keywords: ['结婚', '领证', '婚姻登记'], conditions: [['男女双方自愿、达到法定婚龄且均无配偶', 'Both willing, of legal age and unmarried']], materials: [ID_CARD, HOUSEHOLD, ['近期二寸半身免冠合影照片', 'Recent joint photograph']], timeLimit: NOW, fee: ['免费（证书工本费已取消）', 'Free'], basis: ['《中华人民共和国民法典》第一千零四十九条', '《婚姻登记条例》'] },
  { id: 'marriage-record-copy', name: ['婚姻登记档案查询', 'Marriage record copy'], dept: 'civil', events: ['婚姻', '置业'], channel: 'both', keywords: ['婚姻档案', '婚姻证明', '结婚证'], conditions: [['当事人本人查询', 'The spouses themselves']], materials: [ID_CARD], timeLimit: NOW, basis: ['《婚姻登记档案管理办法》'] },
  { id: 'retirement-bundle', name: ['退休“一件事”', 'Retirement bundle'], dept: 'hrss', events: ['退休'], channel: 'both', keywords: ['退休', '养老金', '一件事', '待遇'], conditions: [['达到法定退休年龄且累计缴费满最低年限', 'Legal retirement age and the minimum years of contributions']], materials: [ID_CARD, ['社会保障卡', 'Social security card']], steps: STEPS_KIOSK, timeLimit: ['10个工作日', '10 working days'], basis: ['《国务院关于渐进式延迟法定退休年龄的办法》', '《中华人民共和国社会保险法》第十六条'], flowId: 'retirement-bundle' },
  { id: 'pension-claim', name: ['基本养老保险待遇申领', 'Basic pension claim'], dept: 'hrss', events: ['退休'], channel: 'hall', keywords: ['养老金', '退休', '待遇申领'], conditions: [['达到法定退休年龄', 'Legal retirement age reached']], materials: [ID_CARD], timeLimit: ['10个工作日', '10 working days'], basis: ['《中华人民共和国社会保险法》第十六条'] },
  { id: 'hpf-withdrawal-retirement', name: ['住房公积金退休提取', 'Housing fund withdrawal on retirement'], dept: 'hpf', events: ['退休'], channel: 'both', keywords: ['公积金', '退休提取', '销户'], conditions: [['已办理退休手续', 'Retirement already approved']], materials: [ID_CARD], timeLimit: NOW, basis: ['《住房公积金管理条例》第二十四条'] },
  { id: 'death-registration', name: ['死亡登记及户口注销', 'Death registration and household cancellation'], dept: 'police', events: ['身后'], channel: 'hall', keywords: ['死亡', '户口注销', '身后'], conditions: [['公民死亡后一个月内由家属申报', 'Declared by the family within one month']], materials: [['死亡医学证明', 'Medical death certificate'], HOUSEHOLD, ['申报人身份证', "Declarant's ID card"]], timeLimit: NOW, basis: ['《中华人民共和国户口登记条例》第八条'] },
  { id: 'funeral-subsidy', name: ['丧葬补助金和抚恤金申领', 'Funeral grant and survivor pension'], dept: 'hrss', events: ['身后'], channel: 'hall', keywords: ['丧葬费', '抚恤金', '身后'], conditions: [['参保人员因病或非因工死亡', 'Death of an insured person not at work']], materials: [['死亡证明', 'Death certificate'], ['申领人身份证', "Claimant's ID card"], ['亲属关系证明', 'Proof of kinship']], timeLimit: ['10个工作日', '10 working days'], basis: ['《中华人民共和国社会保险法》第十七条'] },
  { id: 'application-progress', name: ['办件进度查询', 'Application progress'], dept: 'data', events: [], channel: 'both', keywords: ['进度', '查询', '办件'], conditions: [['持受理回执或申请编号', 'With the receipt or the application number']], materials: [['受理回执', 'Acceptance receipt']], steps: STEPS_KIOSK, timeLimit: NOW, basis: ['《政务服务“好差评”制度》'], flowId: 'application-progress' },
  { id: 'e-licence-copy', name: ['电子证照打印件', 'Certified copy of an e-licence'], dept: 'data', events: ['置业', '入学', '婚姻'], channel: 'kiosk', keywords: ['电子证照', '免证办', '证照打印'], conditions: [['证照持有人本人', 'The holder in person']], materials: [ID_CARD], steps: STEPS_KIOSK, timeLimit: NOW, basis: ['《国务院关于在线政务服务的若干规定》第十条'], flowId: 'my-licences' },
  { id: 'company-establishment', name: ['企业开办（设立登记）', 'Company establishment'], dept: 'market', events: ['就业'], audience: 'enterprise', channel: 'hall', keywords: ['企业开办', '营业执照', '设立登记', '一企来办'], conditions: [['有符合规定的名称、住所和章程', 'A compliant name, address and articles']], materials: [FORM, ['公司章程', 'Articles of association'], ['股东主体资格证明', "Shareholders' identity"]], timeLimit: ['1个工作日', '1 working day'], basis: ['《中华人民共和国公司法》', '《中华人民共和国市场主体登记管理条例》'] },
  { id: 'enterprise-credit-record', name: ['企业公共信用信息报告打印', 'Enterprise public credit record'], dept: 'data', events: [], audience: 'enterprise', channel: 'both', keywords: ['信用报告', '信用记录', '统一社会信用代码', '一企来办'], conditions: [['任何单位可查询企业公开信用信息', 'Anyone may print the public credit record']], materials: [LICENCE], steps: [['扫描营业执照二维码或输入统一社会信用代码', 'Scan the licence QR or type the credit code'], ['确认企业信息', 'Check the enterprise'], ['打印信用报告', 'Print the report']], timeLimit: NOW, basis: ['《企业信息公示暂行条例》'], flowId: 'enterprise-corner' },
  { id: 'enterprise-si-registration', name: ['单位社会保险登记', 'Employer social insurance registration'], dept: 'hrss', events: ['就业'], audience: 'enterprise', channel: 'hall', keywords: ['单位参保', '社保登记', '企业社保'], conditions: [['自成立之日起三十日内', 'Within 30 days of establishment']], materials: [LICENCE, ['法定代表人身份证', "Legal representative's ID card"]], timeLimit: NOW, basis: ['《中华人民共和国社会保险法》第五十七条'] },
  { id: 'enterprise-hpf-registration', name: ['单位住房公积金缴存登记', 'Employer housing fund registration'], dept: 'hpf', events: ['就业'], audience: 'enterprise', channel: 'hall', keywords: ['单位公积金', '缴存登记', '开户'], conditions: [['新设立单位自设立之日起三十日内', 'Within 30 days of establishment']], materials: [LICENCE, FORM], timeLimit: NOW, basis: ['《住房公积金管理条例》第十四条'] },
  { id: 'invoice-application', name: ['发票申领', 'Invoice application'], dept: 'tax', events: [], audience: 'enterprise', channel: 'both', keywords: ['发票', '税务', '数电票'], conditions: [['已办理涉税信息确认的纳税人', 'Taxpayers whose tax details are confirmed']], materials: [LICENCE, ['经办人身份证', "Agent's ID card"]], timeLimit: NOW, basis: ['《中华人民共和国发票管理办法》'] },
];

function build(seed: Seed): Guide {
  const [department, departmentEn] = D[seed.dept];
  const text = ([t, e]: Text) => ({ text: t, textEn: e });
  return {
    id: seed.id,
    name: seed.name[0],
    nameEn: seed.name[1],
    department,
    departmentEn,
    lifeEvents: [...seed.events],
    audience: seed.audience ?? 'resident',
    channel: seed.channel,
    keywords: seed.keywords,
    conditions: seed.conditions.map(text),
    materials: seed.materials.map(([name, nameEn]) => ({
      name,
      nameEn,
      copies: 1,
      original: true,
    })),
    steps: (seed.steps ?? STEPS_HALL).map(text),
    timeLimit: seed.timeLimit[0],
    timeLimitEn: seed.timeLimit[1],
    fee: (seed.fee ?? FREE)[0],
    feeEn: (seed.fee ?? FREE)[1],
    legalBasis: seed.basis,
    ...(seed.flowId ? { flowId: seed.flowId } : {}),
  };
}

/** Every guide the sandbox publishes. */
export const GUIDES: readonly Guide[] = SEEDS.map(build);
