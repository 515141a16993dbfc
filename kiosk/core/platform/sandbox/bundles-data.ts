import type { Bundle } from '../schemas-services.ts';

/**
 * The sandbox's two "one thing done" bundles (高效办成一件事). A bundle is data: the kiosk
 * renders its items, shared fields and materials from this shape, so a new bundle needs no code.
 */

const YES_NO = [
  { value: 'yes', label: '是', labelEn: 'Yes' },
  { value: 'no', label: '否', labelEn: 'No' },
];

/** 新生儿出生一件事. */
// Items and fields one a line, so the bundle reads as the form it describes.
// prettier-ignore
const NEWBORN: Bundle = {
  id: 'newborn',
  name: '新生儿出生“一件事”',
  nameEn: 'Newborn: one application for five services',
  items: [
    { id: 'birth-certificate', name: '出生医学证明', nameEn: 'Birth medical certificate', department: '南京市卫生健康委员会', departmentEn: 'Nanjing Health Commission', fields: ['childName', 'childGender', 'birthDate', 'hospital'], materials: ['parent-id', 'delivery-record'] },
    { id: 'household-registration', name: '户口登记', nameEn: 'Household registration', department: '南京市公安局', departmentEn: 'Nanjing Public Security Bureau', fields: ['childName', 'childGender', 'birthDate', 'householdOf'], materials: ['parent-id', 'household-register', 'marriage-certificate', 'birth-certificate'] },
    { id: 'medical-insurance', name: '医保参保', nameEn: 'Medical insurance enrolment', department: '南京市医疗保障局', departmentEn: 'Nanjing Healthcare Security Administration', fields: ['childName', 'birthDate'], materials: ['birth-certificate'] },
    { id: 'social-security-card', name: '社保卡', nameEn: 'Social security card', department: '南京市人力资源和社会保障局', departmentEn: 'Nanjing Human Resources and Social Security Bureau', fields: ['childName', 'phone'], materials: ['child-photo'] },
    { id: 'child-subsidy', name: '育儿补贴', nameEn: 'Childcare subsidy', department: '南京市卫生健康委员会', departmentEn: 'Nanjing Health Commission', fields: ['childName', 'bankAccount'], materials: ['parent-id', 'bank-card'] },
  ],
  fields: [
    { id: 'childName', label: '新生儿姓名（拼音首字母）', labelEn: "Baby's name (pinyin initials)", type: 'choice', required: true, options: [{ value: 'decided', label: '已取名，窗口核对', labelEn: 'Named; the counter checks it' }, { value: 'later', label: '稍后在线补填', labelEn: 'Fill in online later' }] },
    { id: 'childGender', label: '新生儿性别', labelEn: "Baby's sex", type: 'choice', required: true, options: [{ value: 'female', label: '女', labelEn: 'Female' }, { value: 'male', label: '男', labelEn: 'Male' }] },
    { id: 'birthDate', label: '出生日期', labelEn: 'Date of birth', type: 'date', required: true },
    { id: 'hospital', label: '分娩医院是否在本市', labelEn: 'Born at a hospital in the city', type: 'choice', required: true, options: YES_NO },
    { id: 'householdOf', label: '随父或随母落户', labelEn: "Register with the father's or mother's household", type: 'choice', required: true, options: [{ value: 'father', label: '随父', labelEn: 'Father' }, { value: 'mother', label: '随母', labelEn: 'Mother' }] },
    { id: 'phone', label: '联系电话', labelEn: 'Contact phone', type: 'digits', maxLength: 11, required: true },
    { id: 'bankAccount', label: '补贴发放银行卡号', labelEn: 'Bank card number for the subsidy', type: 'digits', maxLength: 19, required: true },
  ],
  materials: [
    { id: 'parent-id', name: '父母身份证', nameEn: "Parents' ID cards", platformMayHold: true },
    { id: 'household-register', name: '居民户口簿', nameEn: 'Household register', platformMayHold: true },
    { id: 'marriage-certificate', name: '结婚证', nameEn: 'Marriage certificate', platformMayHold: true },
    { id: 'birth-certificate', name: '出生医学证明', nameEn: 'Birth medical certificate', platformMayHold: true },
    { id: 'delivery-record', name: '住院分娩记录', nameEn: 'Hospital delivery record', platformMayHold: false },
    { id: 'child-photo', name: '新生儿照片', nameEn: "Baby's photograph", platformMayHold: false },
    { id: 'bank-card', name: '银行卡', nameEn: 'Bank card', platformMayHold: false },
  ],
};

/** 退休一件事. */
// prettier-ignore
const RETIREMENT: Bundle = {
  id: 'retirement',
  name: '退休“一件事”',
  nameEn: 'Retirement: one application',
  items: [
    { id: 'pension-claim', name: '基本养老保险待遇申领', nameEn: 'Basic pension claim', department: '南京市人力资源和社会保障局', departmentEn: 'Nanjing Human Resources and Social Security Bureau', fields: ['retireDate', 'bankAccount', 'phone'], materials: ['id-card', 'employment-record'] },
    { id: 'medical-retiree', name: '退休人员医保待遇核定', nameEn: 'Retiree medical insurance', department: '南京市医疗保障局', departmentEn: 'Nanjing Healthcare Security Administration', fields: ['retireDate'], materials: ['id-card'] },
    { id: 'hpf-withdrawal', name: '住房公积金退休提取', nameEn: 'Housing fund withdrawal', department: '南京住房公积金管理中心', departmentEn: 'Nanjing Housing Provident Fund Management Center', fields: ['bankAccount', 'hpfWithdrawAll'], materials: ['id-card', 'bank-card'] },
  ],
  fields: [
    { id: 'retireDate', label: '退休日期', labelEn: 'Retirement date', type: 'date', required: true },
    { id: 'bankAccount', label: '待遇发放银行卡号', labelEn: 'Bank card number for payments', type: 'digits', maxLength: 19, required: true },
    { id: 'phone', label: '联系电话', labelEn: 'Contact phone', type: 'digits', maxLength: 11, required: true },
    { id: 'hpfWithdrawAll', label: '是否全额提取公积金并销户', labelEn: 'Withdraw the whole fund and close the account', type: 'choice', required: true, options: YES_NO },
  ],
  materials: [
    { id: 'id-card', name: '居民身份证', nameEn: 'Resident ID card', platformMayHold: true },
    { id: 'employment-record', name: '职工档案（视同缴费年限认定）', nameEn: 'Employment file', platformMayHold: true },
    { id: 'bank-card', name: '银行卡', nameEn: 'Bank card', platformMayHold: false },
  ],
};

/** Every bundle the sandbox defines. */
export const BUNDLES: readonly Bundle[] = [NEWBORN, RETIREMENT];
