/**
 * Checks of the values callers send to the NAT endpoints, each failing with the message a HIS clerk would
 * write: identity documents, phone numbers, dates and times, and the group's dictionaries.
 */
import { parseIdCard } from '../../../../common/id-card';
import { isMainlandMobile } from '../../../../common/phone';
import { HisFail } from '../../runtime';
import { DATA_SOURCES, PAY_WAYS, REPORT_LANGUAGES } from './catalog';
import { isDate, isDateTime } from './time';

export function checkDataSource(value: string): string {
  const v = value.trim();
  if (!DATA_SOURCES.includes(v)) throw new HisFail('数据来源取值错误（3：网站，w1：微信）');
  return v;
}

/** The pay way, normalised ('weypay' is the document's spelling of 'wepay' in /cpay/newPayment). */
export function checkPayWay(value: string): string {
  const v = PAY_WAYS[value.trim()];
  if (!v) throw new HisFail('支付方式取值错误（wepay、alipay、mpay）');
  return v;
}

export function checkPhone(value: string): string {
  const v = value.trim();
  if (!isMainlandMobile(v)) throw new HisFail('手机号码格式不正确');
  return v;
}

export function checkDateTime(value: string, label: string): string {
  const v = value.trim();
  if (!isDateTime(v)) throw new HisFail(`${label}格式错误，应为YYYY-MM-DD HH:mm:ss`);
  return v;
}

export function checkReportLanguage(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '中文';
  const v = value.trim();
  if (!REPORT_LANGUAGES.some((l) => l.name === v)) throw new HisFail('报告语言类型不正确（中文、中英文、英文、日文）');
  return v;
}

export interface Identity {
  idType: '01' | '03';
  idNo: string;
  nationality: '1' | '2';
  /** From the ID card, or as given (passports); undefined when a passport holder gave none. */
  sex?: '男' | '女';
  birthday?: string;
}

function sexOf(value: string | undefined): '男' | '女' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (v !== '男' && v !== '女') throw new HisFail('性别取值错误（男、女）');
  return v;
}

function birthdayOf(value: string | undefined, today: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (!isDate(v)) throw new HisFail('出生日期格式错误，应为YYYY-MM-DD');
  if (v > today) throw new HisFail('出生日期不能晚于今天');
  return v;
}

const ID_CARD_PROBLEMS = { format: '身份证号码格式不正确', birthday: '身份证号码中的出生日期无效', checksum: '身份证号码校验位错误' } as const;

/**
 * The identity of the person booked: an ID card (GB 11643, sex and birthday taken from it and, when given,
 * checked against it) or a passport (5–17 letters and digits; sex and birthday as given).
 */
export function checkIdentity(
  req: { user_id_no: string; user_sex?: string; user_birthday?: string; id_type_code?: string; nationality?: string },
  today: string,
): Identity {
  const idType = req.id_type_code?.trim() || '01';
  if (idType !== '01' && idType !== '03') throw new HisFail('证件类型取值错误（01：身份证，03：护照）');
  const nationality = req.nationality?.trim() || '1';
  if (nationality !== '1' && nationality !== '2') throw new HisFail('地区取值错误（1：大陆地区，2：非大陆地区）');
  const sex = sexOf(req.user_sex);
  const birthday = birthdayOf(req.user_birthday, today);
  if (idType === '03') {
    const passport = req.user_id_no.trim().toUpperCase();
    if (!/^[A-Z0-9]{5,17}$/.test(passport)) throw new HisFail('护照号码格式不正确');
    return { idType, idNo: passport, nationality, ...(sex ? { sex } : {}), ...(birthday ? { birthday } : {}) };
  }
  const card = parseIdCard(req.user_id_no, today);
  if (!card.valid) throw new HisFail(ID_CARD_PROBLEMS[card.problem]);
  if (sex && sex !== card.sex) throw new HisFail('性别与身份证号码不符');
  if (birthday && birthday !== card.birthday) throw new HisFail('出生日期与身份证号码不符');
  return { idType, idNo: card.idNo, nationality, sex: card.sex, birthday: card.birthday };
}

/** An identity number used as a search key: a valid ID card number, or a passport-like number. */
export function checkIdNoKey(value: string, today: string): string {
  const v = value.trim().toUpperCase();
  if (/^\d{17}[\dX]$/.test(v)) {
    const card = parseIdCard(v, today);
    if (!card.valid) throw new HisFail(ID_CARD_PROBLEMS[card.problem]);
    return card.idNo;
  }
  if (!/^[A-Z0-9]{5,17}$/.test(v)) throw new HisFail('证件号码格式不正确');
  return v;
}
