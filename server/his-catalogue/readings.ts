/**
 * Readings: where the interface document contradicts itself, the project's choice and the reason.
 *
 * Everything else in the catalogue is taken literally, typos and all. Each reading is listed in the README
 * ("HIS catalogue readings"); the BFF's HIS adapter accepts both the literal form and the reading wherever
 * the two differ, so that it works whichever way a real HIS answers.
 */
import type { Endpoint, Field } from './catalogue';

export interface Reading {
  path: string;
  /** What the document says and why the project reads it otherwise. */
  why: string;
  apply(e: Endpoint): Endpoint;
}

function mapResponseField(e: Endpoint, name: string, change: (f: Field) => Field): Endpoint {
  let found = false;
  const response = e.response.map((f) => {
    if (f.name !== name) return f;
    found = true;
    return change(f);
  });
  if (!found) throw new Error(`reading for ${e.path}: no response field ${name}`);
  return { ...e, response };
}

const head: Field = {
  name: 'head',
  type: 'object',
  required: true,
  desc_zh: '',
  desc_en: '',
  children: [
    { name: 'code', type: 'integer', required: true, desc_zh: '请求结果代码 大于0 成功 小于0失败', desc_en: 'request result code: greater than 0 success, less than 0 failure' },
    { name: 'msg', type: 'string', required: true, desc_zh: '结果代码释义', desc_en: 'explanation of the result code' },
  ],
};

function f(name: string, type: Field['type'], desc_zh: string, desc_en: string, required = true): Field {
  return { name, type, required, desc_zh, desc_en };
}

export const readings: readonly Reading[] = [
  {
    path: '/fulltime/getApptTimeRangeList',
    why: "data is declared object[] without child fields, but the document's own example is an array of strings ['08:00-09:00','02:00-03:00']; read as an array of time-range strings.",
    apply: (e) => mapResponseField(e, 'data', (d) => ({ ...d, itemType: 'string' })),
  },
  {
    path: '/appointment/language/get',
    why: 'data is declared object {id, name}, but its description says an empty array [] is returned when there is nothing, and a dictionary of report languages (中文、中英文、英文、日文 for report_lanuage of /appointment/pre) has several entries; read as object[].',
    apply: (e) => mapResponseField(e, 'data', (d) => ({ ...d, type: 'object[]' })),
  },
  {
    path: '/getPeisReport',
    why: 'records is declared object, but the item detail endpoints (/getPeisReport-general, -lis, -pacs) need the peis_item_id of items of three categories and nothing else reveals them, the fields are per item (peis_item_name, category general/lis/pacs) and the name is plural; read as object[] (one entry per examination item).',
    apply: (e) => mapResponseField(e, 'records', (r) => ({ ...r, type: 'object[]' })),
  },
  {
    path: '/getInHospitalApply',
    why: 'the document prints a 返回数据 heading with an empty table; the sandbox answers with the envelope of its group (head{code,msg}, code > 0 success) and the admission certificates in data.',
    apply: (e) => ({
      ...e,
      response: [
        head,
        {
          ...f('data', 'object[]', '住院证列表（沙箱约定）', 'admission certificates (sandbox reading)'),
          children: [
            f('id', 'string', '住院证ID（办理入院时传入）', 'certificate (application) ID, passed to /inHospitalReg'),
            f('patient_id', 'string', '患者ID', 'patient ID'),
            f('card_no', 'string', '就诊卡号', 'visit card number'),
            f('name', 'string', '姓名', 'name'),
            f('sex', 'string', '性别', 'sex'),
            f('id_no', 'string', '身份证号', 'ID card number'),
            f('dept_id', 'string', '入院科室ID', 'admission department ID'),
            f('dept_name', 'string', '入院科室名称', 'admission department name'),
            f('diagnosis', 'string', '入院诊断', 'admission diagnosis'),
            f('apply_doctor_name', 'string', '开证医生', 'doctor who issued the certificate'),
            f('apply_time', 'string', '开证时间 YYYY-MM-DD HH:mm:ss', 'issue time YYYY-MM-DD HH:mm:ss'),
            f('prepay_amount', 'number', '建议预交金（元）', 'suggested deposit (yuan)'),
            f('status', 'integer', '状态 0：待办理 1：已办理 -1：已作废', 'status: 0 pending, 1 admitted, -1 void'),
            f('status_name', 'string', '状态释义', 'status explanation'),
          ],
        },
      ],
    }),
  },
  {
    path: '/inHospitalReg',
    why: 'the document shows no response at all; the sandbox answers with the envelope of its group (head{code,msg}, code > 0 success) and the new stay in data.',
    apply: (e) => ({
      ...e,
      response: [
        head,
        {
          ...f('data', 'object', '入院登记结果（沙箱约定）', 'admission result (sandbox reading)'),
          children: [
            f('patient_id', 'string', '患者ID', 'patient ID'),
            f('visit_no', 'string', '住院号', 'inpatient number'),
            f('name', 'string', '姓名', 'name'),
            f('dept_id', 'string', '住院科室ID', 'inpatient department ID'),
            f('dept_name', 'string', '住院科室名称', 'inpatient department name'),
            f('bed_no', 'string', '床号（未分配时为空）', 'bed number (empty until assigned)'),
            f('admission_time', 'string', '入院时间 YYYY-MM-DD', 'admission date YYYY-MM-DD'),
          ],
        },
      ],
    }),
  },
];

export function applyReadings(extracted: readonly Endpoint[]): Endpoint[] {
  const byPath = new Map(readings.map((r) => [r.path, r]));
  const paths = new Set(extracted.map((e) => e.path));
  for (const r of readings) if (!paths.has(r.path)) throw new Error(`reading for unknown endpoint ${r.path}`);
  return extracted.map((e) => byPath.get(e.path)?.apply(e) ?? e);
}
