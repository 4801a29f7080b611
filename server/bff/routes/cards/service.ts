/**
 * Medical cards: binding an existing card only after HIS confirms every detail given, issuing a new card online (or
 * binding the patient HIS already has), the family's cards with one default, and the card detail.
 *
 * Ownership: a binding belongs to one user; every later request names a binding id, never a HIS patient id, and a
 * binding of anyone else is "not found". Abuse: failed attempts are counted per user and per target identity in the
 * database (so the limit holds across BFF instances); past the limit the next attempt is refused before HIS is asked.
 * Bind, unbind, refusals and changes are audit-logged with masked data.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BindCardRequest, CardDetail, CardsResponse, CardSummary, CreateCardRequest, CreateCardResponse, UpdateCardRequest } from '../../../../contract/api';
import { phoneError, RELATION_LABELS, validateBind, validateNewCard, type FieldErrors } from '../../../../common/card-form';
import { maskIdNo, maskName, maskPhone } from '../../../../common/masking';
import type { AuditRepository } from '../../db/repositories/audit';
import type { CardBindingsRepository } from '../../db/repositories/card-bindings';
import type { RateLimitsRepository } from '../../db/repositories/rate-limits';
import type { CardBinding } from '../../db/schema';
import type { HisPatient, HisPatients, PatientKind } from '../../his';
import type { Config } from '../../config';
import { AppError, Errors } from '../../lib/errors';

export interface CardsDeps {
  bindings: CardBindingsRepository;
  rateLimits: RateLimitsRepository;
  audit: AuditRepository;
  patients: HisPatients;
  limits: Config['cards'];
  now?: () => Date;
}

const TIME_ZONE = 'Asia/Shanghai';
const MISMATCH = new AppError(422, 'IDENTITY_MISMATCH', '信息不匹配，请核对后重试');

/** What a card status means for the patient (the HIS gives only its name). */
const STATUS_HINTS: Record<number, string> = {
  1: '可正常就诊、缴费',
  2: '卡已挂失，请携带身份证到门诊收费窗口补办',
  3: '卡已冻结，请到门诊收费窗口咨询',
  4: '卡已注销，如需就诊请重新办卡',
};

function todayIn(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function clockIn(zone: string, iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

function summary(b: CardBinding): CardSummary {
  return { id: b.id, kind: b.kind, holderName: b.holder_name_masked, cardNo: b.card_no, relation: b.relation, isDefault: b.is_default === 1, boundAt: b.created_at };
}

function validationFailed(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw Errors.validation(errors);
}

export function cardsService(deps: CardsDeps) {
  const now = deps.now ?? (() => new Date());
  const { limits } = deps;

  /** Refuses (429) when the user or the target identity used up their failed attempts; else the keys to count on. */
  async function checkAttempts(userId: string, identity: string): Promise<string[]> {
    const keys = [`bind:user:${userId}`, `bind:identity:${hash(identity)}`];
    const at = now();
    const windowStart = new Date(at.getTime() - limits.bindFailureWindowMs).toISOString();
    for (const key of keys) {
      const state = await deps.rateLimits.state(key, windowStart, limits.bindFailureWindowMs);
      if (state.failures >= limits.bindFailureLimit) {
        const until = state.oldestExpiresAt ? clockIn(TIME_ZONE, state.oldestExpiresAt) : '';
        throw new AppError(429, 'RATE_LIMITED', `验证失败次数过多，请${until ? `于${until}后` : '稍后'}再试`);
      }
    }
    return keys;
  }

  async function refuse(userId: string, keys: string[], requestId: string, detail: Record<string, unknown>): Promise<never> {
    const at = now().toISOString();
    for (const key of keys) await deps.rateLimits.recordFailure(key, at);
    await deps.audit.record({ userId, action: 'card.bind_refused', requestId, detail }, at);
    throw MISMATCH;
  }

  async function checkRoom(userId: string, relation: string): Promise<void> {
    const live = await deps.bindings.listLive(userId);
    if (relation === 'self' && live.some((b) => b.relation === 'self')) throw Errors.validation({ relation: '已绑定“本人”的就诊卡，请选择其他关系' });
    if (live.length >= limits.limit) throw new AppError(409, 'CONFLICT', `最多可绑定${limits.limit}张就诊卡，请先解绑不再使用的卡`);
  }

  /** Saves the binding of a verified patient; the limit is checked again after the insert (two concurrent binds). */
  async function bindVerified(userId: string, patient: HisPatient, kind: PatientKind, cardNo: string, relation: CardBinding['relation'], requestId: string, action: string): Promise<CardSummary> {
    if (await deps.bindings.findLiveByPatient(userId, patient.id, kind)) throw new AppError(409, 'CONFLICT', '该就诊卡已绑定，无需重复绑定');
    const at = now().toISOString();
    let binding: CardBinding;
    try {
      binding = await deps.bindings.insert({ id: randomUUID(), user_id: userId, his_patient_id: patient.id, kind, card_no: cardNo, holder_name_masked: maskName(patient.name), relation, created_at: at, updated_at: at, removed_at: null });
    } catch (err) {
      if (await deps.bindings.findLiveByPatient(userId, patient.id, kind)) throw new AppError(409, 'CONFLICT', '该就诊卡已绑定，无需重复绑定');
      throw err;
    }
    if ((await deps.bindings.countLive(userId)) > limits.limit) {
      await deps.bindings.remove(userId, binding.id, at);
      throw new AppError(409, 'CONFLICT', `最多可绑定${limits.limit}张就诊卡，请先解绑不再使用的卡`);
    }
    await deps.audit.record({ userId, action, subjectId: binding.id, requestId, detail: { kind, holder: maskName(patient.name), idNo: maskIdNo(patient.idNo), cardNo, relation } }, at);
    return summary(binding);
  }

  async function owned(userId: string, id: string): Promise<CardBinding> {
    const binding = await deps.bindings.liveOfUser(userId, id);
    if (!binding) throw Errors.notFound('就诊卡');
    return binding;
  }

  async function detailOf(binding: CardBinding, requestId: string): Promise<CardDetail> {
    const p = await deps.patients.find({ by: 'patientId', kind: binding.kind, patientId: binding.his_patient_id }, { requestId });
    if (!p) throw Errors.notFound('就诊卡信息');
    return {
      ...summary(binding),
      name: p.name,
      sex: p.sex,
      age: p.age,
      idNoMasked: maskIdNo(p.idNo),
      phoneMasked: maskPhone(p.phone),
      balanceFen: p.balanceFen,
      status: p.status,
      statusName: p.statusName,
      statusHint: STATUS_HINTS[p.status] ?? p.statusName,
      canRecharge: p.canRecharge,
      ...(p.canRecharge ? {} : { noRechargeReason: p.noRechargeReason || '暂不支持在线充值' }),
      ...(p.inpatient ? { inpatient: { ...p.inpatient, totalFen: p.totalFen } } : {}),
    };
  }

  return {
    async list(userId: string): Promise<CardsResponse> {
      return { cards: (await deps.bindings.listLive(userId)).map(summary), limit: limits.limit };
    },

    async bind(userId: string, input: BindCardRequest, requestId: string): Promise<CardSummary> {
      validationFailed(validateBind(input, todayIn(TIME_ZONE, now())));
      await checkRoom(userId, input.relation);
      const name = input.name.trim();
      const idNo = input.idNo?.trim().toUpperCase() ?? '';
      const cardNo = input.cardNo?.trim() ?? '';
      const phone = input.phone?.trim() ?? '';
      const inpatientNo = input.inpatientNo?.trim() ?? '';
      const keys = await checkAttempts(userId, input.method === 'inpatient' ? `inpatient:${inpatientNo}` : `id:${idNo}`);

      const patient =
        input.method === 'card'
          ? await deps.patients.find({ by: 'cardNo', name, cardNo }, { requestId })
          : input.method === 'phone'
            ? await deps.patients.find({ by: 'idNo', name, idNo }, { requestId })
            : await deps.patients.find({ by: 'inpatientNo', name, inpatientNo }, { requestId });
      // Every detail given must be the hospital's; which one differs is never said.
      const matches =
        patient !== undefined &&
        patient.name === name &&
        (input.method === 'card'
          ? patient.cardNo === cardNo && patient.idNo.toUpperCase() === idNo
          : input.method === 'phone'
            ? patient.idNo.toUpperCase() === idNo && patient.phone === phone
            : patient.inpatient?.inpatientNo === inpatientNo);
      if (!patient || !matches) {
        return refuse(userId, keys, requestId, { method: input.method, name: maskName(name), idNo: idNo ? maskIdNo(idNo) : undefined, phone: phone ? maskPhone(phone) : undefined, cardNo: cardNo || inpatientNo || undefined });
      }
      const kind: PatientKind = input.method === 'inpatient' ? 'inpatient' : 'outpatient';
      return bindVerified(userId, patient, kind, kind === 'inpatient' ? inpatientNo : patient.cardNo, input.relation, requestId, 'card.bind');
    },

    async create(userId: string, input: CreateCardRequest, requestId: string): Promise<CreateCardResponse> {
      validationFailed(validateNewCard(input, todayIn(TIME_ZONE, now())));
      await checkRoom(userId, input.relation);
      const name = input.name.trim();
      const idNo = input.idNo.trim().toUpperCase();
      const phone = input.phone.trim();
      const keys = await checkAttempts(userId, `id:${idNo}`);

      // A patient already on file is bound, after the same check as binding by ID number, name and phone.
      const existing = await deps.patients.find({ by: 'idNo', name, idNo }, { requestId });
      if (existing) {
        if (existing.phone !== phone || existing.idNo.toUpperCase() !== idNo) return refuse(userId, keys, requestId, { method: 'create', name: maskName(name), idNo: maskIdNo(idNo) });
        return { card: await bindVerified(userId, existing, 'outpatient', existing.cardNo, input.relation, requestId, 'card.bind'), created: false };
      }
      const issued = await deps.patients.createCard(
        { name, sex: input.sex, idNo, birthday: input.birthday, phone, workUnit: input.workUnit.trim(), address: input.address.trim(), ...(input.healthCardId?.trim() ? { healthCardId: input.healthCardId.trim() } : {}) },
        { requestId },
      );
      // On file under another name: the same refusal as a mismatch.
      if (!issued.created) return refuse(userId, keys, requestId, { method: 'create', name: maskName(name), idNo: maskIdNo(idNo) });
      const patient = await deps.patients.find({ by: 'patientId', kind: 'outpatient', patientId: issued.patientId }, { requestId });
      if (!patient) throw Errors.internal();
      return { card: await bindVerified(userId, patient, 'outpatient', issued.cardNo, input.relation, requestId, 'card.create'), created: true };
    },

    async detail(userId: string, id: string, requestId: string): Promise<CardDetail> {
      return detailOf(await owned(userId, id), requestId);
    },

    async update(userId: string, id: string, input: UpdateCardRequest, requestId: string): Promise<CardDetail> {
      const binding = await owned(userId, id);
      const errors: FieldErrors = {};
      if (input.phone !== undefined) {
        const e = phoneError(input.phone);
        if (e) errors.phone = e;
      }
      if (input.relation !== undefined && !(input.relation in RELATION_LABELS)) errors.relation = '请选择与您的关系';
      validationFailed(errors);
      if (input.relation === 'self' && binding.relation !== 'self' && (await deps.bindings.listLive(userId)).some((b) => b.relation === 'self')) {
        throw Errors.validation({ relation: '已绑定“本人”的就诊卡，请选择其他关系' });
      }
      const at = now().toISOString();
      if (input.phone !== undefined) await deps.patients.updatePhone(binding.his_patient_id, input.phone.trim(), { requestId });
      if (input.relation !== undefined) await deps.bindings.update(userId, id, { relation: input.relation }, at);
      await deps.audit.record({ userId, action: 'card.update', subjectId: id, requestId, detail: { phone: input.phone ? maskPhone(input.phone) : undefined, relation: input.relation } }, at);
      return detailOf(await owned(userId, id), requestId);
    },

    async setDefault(userId: string, id: string): Promise<void> {
      await owned(userId, id);
      await deps.bindings.setDefault(userId, id, now().toISOString());
    },

    async unbind(userId: string, id: string, requestId: string): Promise<void> {
      const binding = await owned(userId, id);
      const at = now().toISOString();
      if (!(await deps.bindings.remove(userId, id, at))) throw Errors.notFound('就诊卡');
      await deps.audit.record({ userId, action: 'card.unbind', subjectId: id, requestId, detail: { kind: binding.kind, holder: binding.holder_name_masked, cardNo: binding.card_no } }, at);
    },
  };
}

export type CardsService = ReturnType<typeof cardsService>;
