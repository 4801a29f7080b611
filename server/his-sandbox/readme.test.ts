/** The README tells QA whom to bind: it must match what the sandbox seeds. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useHisSandbox } from './test-harness';

const t = useHisSandbox();
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

it('lists the demo patients exactly as seeded', () => {
  const rows = readme
    .split('\n')
    .filter((line) => /^\| \S+ \| [男女] \d{4}-\d{2}-\d{2} \|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, name, sexBorn, idNo, phone, cardNo]) => ({ name, sexBorn, idNo, phone, cardNo }));
  const seeded = t.sandbox.store
    .patients()
    .filter((p) => p.demo)
    .map((p) => ({ name: p.name, sexBorn: `${p.sex} ${p.birthday}`, idNo: p.idNo, phone: p.phone, cardNo: p.cardNo }));
  expect(rows).toEqual(seeded);
});

it('names the demo patients’ ids and stays as seeded', () => {
  const ids = t.sandbox.store.patients().filter((p) => p.demo).map((p) => p.id);
  expect(ids).toEqual(['20000001', '20000002', '20000003', '20000004', '20000005', '20000006']);
  expect(readme).toContain('Patient ids are `20000001`–`20000006` in this order');
  expect(t.sandbox.store.latestStay(t.demo('lixiuying').id)?.visitNo).toBe('30010001');
  expect(t.sandbox.store.latestStay(t.demo('zhaoguoqiang').id)?.visitNo).toBe('30010002');
  expect(readme).toContain("李秀英's stay is 住院号 `30010001`, 赵国强's `30010002`");
});
