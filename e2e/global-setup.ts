/**
 * Starts the whole system once for the browser tests, on ports of its own (so that a running `npm start` does not
 * disturb it), with the H5 app built against them. The URLs reach the tests through the environment.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../scripts/system';

export const E2E_PORTS = { bff: 4601, his: 4602, wechat: 4603, h5: 4604 };

declare global {
  var __E2E_SYSTEM__: RunningSystem | undefined;
}

export default async function globalSetup(): Promise<void> {
  // every run starts from nothing: no bindings, orders or rate-limit counts left over from the last one
  const dataDir = '.data/e2e';
  rmSync(join(__dirname, '..', dataDir), { recursive: true, force: true });
  const system = await startSystem({ ports: E2E_PORTS, build: { weapp: false, h5: true }, dataDir, logLevel: 'warn' });
  globalThis.__E2E_SYSTEM__ = system;
  process.env.E2E_H5_URL = system.urls.h5;
  process.env.E2E_BFF_URL = system.urls.bff;
  process.env.E2E_HIS_ADMIN_TOKEN = system.his.config.adminToken;
}
