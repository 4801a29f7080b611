import { readFileSync } from 'node:fs';
import { catalogue, endpoint, extractedCatalogue, takesArrayBody } from './catalogue';
import { envelopeRule, isSuccessCode, payloadFields } from './envelope';
import { generatedTypesFile, renderTypes } from './generate-types';
import { readings } from './readings';
import { checkBody } from './validate';

describe('the project catalogue', () => {
  it('holds the 87 documented endpoints, all POST, at unique paths', () => {
    expect(catalogue).toHaveLength(87);
    expect(new Set(catalogue.map((e) => e.path)).size).toBe(87);
    expect(catalogue.every((e) => e.method === 'POST')).toBe(true);
  });

  it('keeps the document’s oddities exactly', () => {
    expect(endpoint('/requestSucess').path).toBe('/requestSucess');
    expect(endpoint('/recipeCharge').request.map((f) => f.name)).toContain('settlement id');
    expect(endpoint('/appointment/pre').request.map((f) => f.name)).toContain('report_lanuage');
    expect(endpoint('/getEmrPageCount').response.find((f) => f.name === 'data')?.children?.[0]?.name).toBe('pageCount');
    expect(endpoint('/getAllDoctorList').content_type).toBe('application/x-www-form-urlencoded');
    expect(endpoint('/getHospitalList').content_type).toBe('application/x-www-form-urlencoded');
    expect(catalogue.filter((e) => e.content_type !== 'application/json').map((e) => e.path).sort()).toEqual(['/getAllDoctorList', '/getHospitalList']);
    expect(catalogue.filter(takesArrayBody).map((e) => e.path)).toEqual(['/getPatientList']);
  });

  it('differs from the extraction only where a reading says so', () => {
    const read = new Set(readings.map((r) => r.path));
    for (const e of catalogue) {
      const raw = extractedCatalogue.find((x) => x.path === e.path);
      if (read.has(e.path)) expect(e).not.toEqual(raw);
      else expect(e).toEqual(raw);
    }
    expect([...read].sort()).toEqual(['/appointment/language/get', '/fulltime/getApptTimeRangeList', '/getInHospitalApply', '/getPeisReport', '/inHospitalReg']);
  });

  it('is the same file as the shared extraction when that is at hand', () => {
    let shared: string;
    try {
      shared = readFileSync(`${__dirname}/../../../shared/his-api/endpoints.json`, 'utf8');
    } catch {
      return; // outside the development workspace there is nothing to compare with
    }
    expect(JSON.parse(readFileSync(`${__dirname}/endpoints.json`, 'utf8'))).toEqual(JSON.parse(shared));
  });

  it('has generated types that are up to date (npm run gen:his-types)', () => {
    expect(readFileSync(generatedTypesFile, 'utf8')).toBe(renderTypes());
  });
});

describe('envelope rules', () => {
  it('follows each endpoint’s documented code description', () => {
    const table = Object.fromEntries(catalogue.map((e) => [e.path, envelopeRule(e)]));
    expect(table['/getPatient']).toEqual({ kind: 'head', codeType: 'integer', success: 'positive', successCode: 1, failureCode: -1 });
    expect(table['/getDoctorAndNurse']).toMatchObject({ kind: 'head', success: { equals: 0 }, successCode: 0, failureCode: 1 });
    expect(table['/registerGetPrice']).toMatchObject({ kind: 'head', codeType: 'string', success: { equals: 1 } });
    expect(table['/getHospitalList']).toMatchObject({ kind: 'head', codeType: 'string', success: 'positive' });
    expect(table['/requestSucess']).toMatchObject({ kind: 'head', codeType: 'number', success: 'positive' });
    expect(table['/card/update']).toMatchObject({ kind: 'flat', codeType: 'integer', success: { equals: 1 }, failureCode: 0 });
    expect(table['/new']).toMatchObject({ kind: 'result', codeType: 'integer', success: { equals: 0 }, failureCode: -1 });
    expect(table['/appointment/language/get']).toMatchObject({ kind: 'flat', codeType: 'string', success: { equals: 0 }, failureCode: -1 });
    expect(table['/appointment/result/get']).toMatchObject({ kind: 'flat', codeType: 'string', failureCode: 1 });
    expect(table['/appointment/cancel']).toMatchObject({ kind: 'flat', codeType: 'string', failureCode: 1 });
    expect(table['/appointmentNAT/getNATResultList']).toMatchObject({ kind: 'head', success: 'positive' });
    expect(Object.values(table).filter((r) => r.kind === 'result')).toHaveLength(12);
  });

  it('agrees with the code descriptions of the document for every endpoint', () => {
    for (const e of catalogue) {
      const rule = envelopeRule(e);
      const code = rule.kind === 'head' ? e.response[0]?.children?.find((c) => c.name === 'code') : e.response.find((f) => f.name === (rule.kind === 'result' ? 'ResultCode' : 'code'));
      const desc = code?.desc_zh ?? '';
      if (!desc.trim() || desc === '交互状态码') continue; // undocumented: the group's convention applies
      const succeeds = isSuccessCode(rule, rule.successCode);
      expect({ path: e.path, succeeds, fails: isSuccessCode(rule, rule.failureCode) }).toEqual({ path: e.path, succeeds: true, fails: false });
      if (rule.success === 'positive') expect(desc).toMatch(/大于0|1[:：]/);
      else expect(desc).toContain(String(rule.success.equals));
    }
  });

  it('reads codes sent as numbers or as numeric strings', () => {
    const rule = envelopeRule(endpoint('/getHospitalList'));
    expect(isSuccessCode(rule, '1')).toBe(true);
    expect(isSuccessCode(rule, 2)).toBe(true);
    expect(isSuccessCode(rule, '-1')).toBe(false);
    expect(isSuccessCode(rule, 'ok')).toBe(false);
    expect(isSuccessCode(rule, undefined)).toBe(false);
  });

  it('separates payload from envelope', () => {
    expect(payloadFields(endpoint('/new')).map((f) => f.name)).toEqual(['APPT_ID', 'HIS_ORDER_NO', 'NEED_PREPAY', 'PREPAY_MINUTES', 'PREPAY_TIME_LIMIT']);
    expect(payloadFields(endpoint('/card/update'))).toEqual([]);
    expect(payloadFields(endpoint('/getPatient')).map((f) => f.name)).toEqual(['patient']);
  });
});

describe('validation', () => {
  const getPatient = endpoint('/getPatient');

  it('reports missing required fields and wrong types by dotted path', () => {
    expect(checkBody(getPatient.request, {})).toEqual([{ field: 'op_flag', kind: 'missing', expected: 'integer', actual: 'undefined' }]);
    expect(checkBody(getPatient.request, { op_flag: 1.5 })).toEqual([{ field: 'op_flag', kind: 'type', expected: 'integer', actual: 'number 1.5' }]);
    expect(checkBody(getPatient.request, { op_flag: 1, card_no: null })).toEqual([]);
    const cpay = endpoint('/cpayCheck').request;
    expect(checkBody(cpay, { patient_id: 'p', card_no: 'c', op_flag: 1, total: 1, orders: [{}, 'x'] })).toEqual([
      { field: 'orders[0].order_id', kind: 'missing', expected: 'string', actual: 'undefined' },
      { field: 'orders[1]', kind: 'type', expected: 'object', actual: 'string "x"' },
    ]);
  });

  it('checks the bare array body of /getPatientList', () => {
    const list = endpoint('/getPatientList').request;
    expect(checkBody(list, [{ patient_id: 'p', op_flag: 1 }])).toEqual([]);
    expect(checkBody(list, { patient_id: 'p' })).toEqual([{ field: '(body)', kind: 'type', expected: 'object[]', actual: 'object' }]);
    expect(checkBody(list, [{ op_flag: 1 }])).toEqual([{ field: '[0].patient_id', kind: 'missing', expected: 'string', actual: 'undefined' }]);
  });

  it('reports undocumented fields only in strict mode', () => {
    const res = endpoint('/card/update').response;
    expect(checkBody(res, { code: 1, msg: 'ok', extra: true })).toEqual([]);
    expect(checkBody(res, { code: 1, msg: 'ok', extra: true }, { strict: true })).toEqual([{ field: 'extra', kind: 'extra', expected: 'string', actual: 'boolean' }]);
  });

  it('checks string items of a read-as-strings array', () => {
    const res = endpoint('/fulltime/getApptTimeRangeList').response;
    expect(checkBody(res, { head: { code: 1, msg: '' }, data: ['08:00-09:00'] })).toEqual([]);
    expect(checkBody(res, { head: { code: 1, msg: '' }, data: [{}] })).toEqual([{ field: 'data[0]', kind: 'type', expected: 'string[]', actual: 'object' }]);
  });
});
