/**
 * Patients and their cards: look-ups (/getPatient, /getPatientList), issuing a card (/createCard) and updating
 * its holder's details (/card/update).
 */
import dayjs from 'dayjs';
import { parseIdCard } from '../../../../common/id-card';
import { isMainlandMobile } from '../../../../common/phone';
import { makeNewPatient } from '../../state/builders';
import type { Patient, Stay } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail, need, type Handler, type Payload } from '../../runtime';
import { inpatientFacts, outpatientFacts } from './views';

const NOT_FOUND = '未找到该患者信息';

function sameName(p: Patient, name: string | undefined): boolean {
  return name !== undefined && name.trim() === p.name;
}

/** The stay an inpatient look-up refers to: the patient's current one, else the latest. */
function stayFor(store: Store, p: Patient): Stay {
  const stay = store.latestStay(p.id);
  if (!stay) throw new HisFail('该患者无住院记录');
  return stay;
}

/**
 * /getPatient: by patient_id alone, or by name together with one of card_no (住院号 when op_flag is 2), id_no,
 * phone_no or health_card_id. A HIS does not say which of the given fields did not match.
 */
function findPatient(store: Store, req: Parameters<Handler<'/getPatient'>>[0]): { patient: Patient; stay?: Stay } {
  if (req.op_flag !== 1 && req.op_flag !== 2) throw new HisFail('门诊住院标志错误：op_flag应为1或2');
  if (req.patient_id?.trim()) {
    const patient = store.requirePatient(req.patient_id);
    return req.op_flag === 2 ? { patient, stay: stayFor(store, patient) } : { patient };
  }
  if (!req.name?.trim()) throw new HisFail('请提供患者ID，或姓名及卡号/身份证号/手机号/电子健康卡号');
  const keys = [req.card_no, req.id_no, req.phone_no, req.health_card_id].filter((k) => k?.trim());
  if (keys.length === 0) throw new HisFail('请提供卡号、身份证号、手机号或电子健康卡号之一');

  if (req.op_flag === 2 && req.card_no?.trim()) {
    const stay = store.stay(req.card_no.trim());
    const patient = stay ? store.patient(stay.patientId) : undefined;
    if (!stay || !patient || !sameName(patient, req.name)) throw new HisFail(NOT_FOUND);
    return { patient, stay };
  }
  const idNo = req.id_no?.trim().toUpperCase();
  const patient = store.patients().find(
    (p) =>
      sameName(p, req.name) &&
      (!req.card_no?.trim() || p.cardNo === req.card_no.trim()) &&
      (!idNo || p.idNo === idNo) &&
      (!req.phone_no?.trim() || p.phone === req.phone_no.trim()) &&
      (!req.health_card_id?.trim() || p.healthCardId === req.health_card_id.trim()),
  );
  if (!patient) throw new HisFail(NOT_FOUND);
  return req.op_flag === 2 ? { patient, stay: stayFor(store, patient) } : { patient };
}

export const getPatient: Handler<'/getPatient'> = (req, ctx) => {
  const { patient, stay } = findPatient(ctx.store, req);
  if (stay) {
    const f = inpatientFacts(ctx.store, patient, stay, ctx.today);
    return { patient: { ...f, op_flag: '2' } };
  }
  return { patient: { ...outpatientFacts(ctx.store, patient, ctx.today), op_flag: '1' } };
};

export const getPatientList: Handler<'/getPatientList'> = (req, ctx) => {
  if (req.length === 0) throw new HisFail('请求参数不能为空');
  if (req.length > 100) throw new HisFail('单次最多查询100名患者');
  const patients: Payload<'/getPatientList'>['patients'] = [];
  for (const { patient_id, op_flag } of req) {
    if (op_flag !== 1 && op_flag !== 2) throw new HisFail('门诊住院标志错误：op_flag应为1或2');
    const p = ctx.store.patient(patient_id.trim());
    if (!p) continue;
    const stay = op_flag === 2 ? ctx.store.latestStay(p.id) : undefined;
    if (op_flag === 2 && !stay) continue;
    const facts = stay ? inpatientFacts(ctx.store, p, stay, ctx.today) : outpatientFacts(ctx.store, p, ctx.today);
    // /getPatientList documents fewer fields than /getPatient (no age, nation, si_category or top-up rule).
    const { age: _age, nation_name: _nation, si_category: _si, recharge_flag: _flag, no_recharge_reason: _reason, ...listed } = facts;
    patients.push({ ...listed, op_flag });
  }
  if (patients.length === 0) throw new HisFail(NOT_FOUND);
  return { patients };
};

const NAME = /^[\u4e00-\u9fa5·•]{2,20}$|^[A-Za-z][A-Za-z .·-]{1,39}$/;

function checkIdentity(idNo: string, today: string): Extract<ReturnType<typeof parseIdCard>, { valid: true }> {
  const id = parseIdCard(idNo, today);
  if (!id.valid) {
    throw new HisFail(
      id.problem === 'checksum' ? '身份证号码校验位错误' : id.problem === 'birthday' ? '身份证号码中的出生日期无效' : '身份证号码格式错误',
    );
  }
  return id;
}

export const createCard: Handler<'/createCard'> = (req, ctx) => {
  const name = need(req.name, 'name');
  if (!NAME.test(name)) throw new HisFail('姓名格式错误');
  const id = checkIdentity(need(req.id_no, 'id_no'), ctx.today);
  if (req.sex !== '男' && req.sex !== '女') throw new HisFail('性别应为“男”或“女”');
  if (req.sex !== id.sex) throw new HisFail('性别与身份证号码不符');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(req.birthday) || req.birthday !== id.birthday) throw new HisFail('出生日期与身份证号码不符');
  const phone = need(req.phone_no, 'phone_no');
  if (!isMainlandMobile(phone)) throw new HisFail('手机号码格式错误');
  if (req.unit_name.length > 60) throw new HisFail('单位名称过长');
  if (req.post_addr.length > 100) throw new HisFail('联系地址过长');
  if (ctx.store.patientByIdNo(id.idNo)) throw new HisFail('该身份证号已建档，请勿重复办卡');
  const healthCardId = req.wx_health_card_id?.trim() ?? '';
  if (healthCardId && ctx.store.patients().some((p) => p.healthCardId === healthCardId)) throw new HisFail('该电子健康卡已绑定其他患者');

  const p = makeNewPatient(
    ctx.store,
    { name, sex: id.sex, birthday: id.birthday, idNo: id.idNo, phone, unitName: req.unit_name.trim(), address: req.post_addr.trim(), healthCardId },
    ctx.now.format('YYYY-MM-DD HH:mm:ss'),
  );
  const f = outpatientFacts(ctx.store, p, ctx.today);
  ctx.setMessage('办卡成功');
  return {
    card: {
      id: f.id,
      name: f.name,
      sex: f.sex,
      birthday: f.birthday,
      age: f.age,
      card_no: f.card_no,
      id_no: f.id_no,
      phone_no: f.phone_no,
      patient_type_id: f.patient_type_id,
      balance: f.balance,
      status: f.status,
      status_name: f.status_name,
    },
  };
};

/** /card/update: only the given fields change; the result must still agree with the ID number. */
export const cardUpdate: Handler<'/card/update'> = (req, ctx) => {
  const p = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  const next = { ...p };
  if (req.sex !== undefined) {
    if (!['男', '女', '未知'].includes(req.sex)) throw new HisFail('性别应为男、女或未知');
    if (req.sex !== '未知') next.sex = req.sex as Patient['sex'];
  }
  if (req.birthday !== undefined) {
    const d = dayjs(req.birthday, 'YYYYMMDD', true);
    if (!/^\d{8}$/.test(req.birthday) || !d.isValid() || d.format('YYYYMMDD') !== req.birthday) throw new HisFail('出生日期格式应为YYYYMMDD');
    next.birthday = `${req.birthday.slice(0, 4)}-${req.birthday.slice(4, 6)}-${req.birthday.slice(6, 8)}`;
  }
  if (req.id_no !== undefined) {
    const id = checkIdentity(req.id_no, ctx.today);
    const owner = ctx.store.patientByIdNo(id.idNo);
    if (owner && owner.id !== p.id) throw new HisFail('该身份证号已被其他患者使用');
    next.idNo = id.idNo;
  }
  const id = parseIdCard(next.idNo, ctx.today);
  if (id.valid && (id.sex !== next.sex || id.birthday !== next.birthday)) throw new HisFail('性别或出生日期与身份证号码不符');
  if (req.phone_no !== undefined) {
    if (!isMainlandMobile(req.phone_no)) throw new HisFail('手机号码格式错误');
    next.phone = req.phone_no;
  }
  if (req.nation_name !== undefined) {
    if (!/^[\u4e00-\u9fa5]{1,10}族$/.test(req.nation_name)) throw new HisFail('民族格式错误，如：汉族');
    next.nation = req.nation_name;
  }
  if (req.health_card_id !== undefined) {
    const other = ctx.store.patients().find((x) => x.healthCardId === req.health_card_id && x.id !== p.id);
    if (req.health_card_id && other) throw new HisFail('该电子健康卡已绑定其他患者');
    next.healthCardId = req.health_card_id;
  }
  ctx.store.core.patients[p.id] = next;
  ctx.setMessage('更新成功');
  return {};
};
