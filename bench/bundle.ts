/**
 * The bundle report: the weapp main package and each subpackage (from dist/app.json), and the JavaScript the H5
 * build loads first (the scripts of dist-h5/index.html, gzipped), each against its budget (DESIGN.md §6).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { mainPackage: 500 * 1024, subpackage: 400 * 1024, h5FirstLoadGzip: 250 * 1024 } as const;

export interface PackageSize {
  name: string;
  bytes: number;
  budget: number;
}

export interface BundleReport {
  weapp: PackageSize[];
  h5FirstLoad?: { files: string[]; gzipBytes: number; budget: number };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Sizes of the weapp packages in `distDir`: files under a subpackage root count for it, all others for the main package. */
export function weappSizes(distDir: string): PackageSize[] {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const file of files(distDir)) {
    if (file.endsWith('.map')) continue;
    const rel = relative(distDir, file).split('\\').join('/');
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
    sizes.set(root, (sizes.get(root) ?? 0) + statSync(file).size);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes, budget: name === 'main' ? BUDGETS.mainPackage : BUDGETS.subpackage }));
}

/** The scripts index.html loads, gzipped one by one (as a CDN serves them). */
export function h5FirstLoad(distDir: string): BundleReport['h5FirstLoad'] {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return undefined;
  const html = readFileSync(index, 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/^\.?\//, ''));
  const gzipBytes = srcs.reduce((sum, src) => sum + gzipSync(readFileSync(join(distDir, src))).length, 0);
  return { files: srcs, gzipBytes, budget: BUDGETS.h5FirstLoadGzip };
}

export function bundleReport(root: string): BundleReport {
  return { weapp: weappSizes(join(root, 'dist')), h5FirstLoad: h5FirstLoad(join(root, 'dist-h5')) };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
