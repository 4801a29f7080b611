/** The generated endpoint functions and the read/write classification, checked against the catalogue. */
import { readFileSync } from 'node:fs';
import { catalogue } from '../../his-catalogue/catalogue';
import type { HisPath } from '../../his-catalogue/types.generated';
import { isWrite, WRITE_ENDPOINTS } from './classification';
import type { HisCall } from './client';
import { hisEndpoints } from './endpoints.generated';
import { endpointNames, generatedEndpointsFile, renderEndpoints } from './generate-endpoints';

describe('the generated endpoint functions', () => {
  it('are up to date (npx tsx server/bff/his/generate-endpoints.ts)', () => {
    expect(readFileSync(generatedEndpointsFile, 'utf8')).toBe(renderEndpoints());
  });

  it('are one per catalogue endpoint, each calling its own path', async () => {
    const called: string[] = [];
    const call = (async (path: HisPath) => {
      called.push(path);
      return {};
    }) as HisCall;
    const raw = hisEndpoints(call);
    const names = endpointNames();
    expect(Object.keys(raw).sort()).toEqual([...names.keys()].sort());
    expect(names.size).toBe(87);
    for (const [name, fn] of Object.entries(raw)) {
      await (fn as (req: unknown, ctx: unknown) => Promise<unknown>)({}, { requestId: 'r' });
      expect([name, called.pop()]).toEqual([name, names.get(name)]);
    }
  });

  it('have readable names that keep the 预约挂号 and 核酸检测预约 groups apart', () => {
    const names = endpointNames();
    expect(names.get('getPatient')).toBe('/getPatient');
    expect(names.get('apptGetPatient')).toBe('/get_patient');
    expect(names.get('apptNew')).toBe('/new');
    expect(names.get('natAppointmentCancel')).toBe('/appointment/cancel');
    expect(names.get('natGetResultList')).toBe('/appointmentNAT/getNATResultList');
    expect(names.get('getPeisReportGeneral')).toBe('/getPeisReport-general');
    expect(names.get('getPriceList')).toBe('/getElectronicPrescriptionDetail_1609234017475');
    expect(names.get('cardUpdate')).toBe('/card/update');
  });

  it('refuse two endpoints with one name', () => {
    const [first] = catalogue;
    if (!first) throw new Error('empty catalogue');
    expect(() => endpointNames([first, { ...first }])).toThrow(`endpoint name ipAppointmentCancel is taken by /ipAppointmentCancel and /ipAppointmentCancel`);
  });
});

describe('the read/write classification', () => {
  it('lists only catalogue paths, once each', () => {
    const paths = new Set(catalogue.map((e) => e.path));
    expect(WRITE_ENDPOINTS.filter((p) => !paths.has(p))).toEqual([]);
    expect(new Set(WRITE_ENDPOINTS).size).toBe(WRITE_ENDPOINTS.length);
  });

  it('classifies every endpoint: 25 writes, the other 62 reads', () => {
    const reads = catalogue.map((e) => e.path as HisPath).filter((p) => !isWrite(p));
    expect(WRITE_ENDPOINTS).toHaveLength(25);
    expect(reads).toHaveLength(62);
    // The reads that look most like writes, pinned: each only asks.
    for (const p of ['/cpayCheck', '/requestSucess', '/registerGetPrice', '/payment/get', '/query', '/get_patient', '/getEmrPageCount'] as const) {
      expect([p, isWrite(p)]).toEqual([p, false]);
    }
  });
});
