/**
 * 尿培养及药敏 (urine culture and susceptibility, L0307): the organism found, if any, and its antimicrobial
 * susceptibility test with MIC values and disk-diffusion breakpoints after CLSI M100 (Enterobacterales,
 * Enterococcus). An ESBL-producing E. coli is resistant to penicillins and cephalosporins and stays susceptible
 * to carbapenems, amikacin, nitrofurantoin and fosfomycin, as such strains do.
 */
import type { Rng } from '../../state/random';
import type { AntibioticResult, LabResult, SusceptibilityCode } from './state';

interface Antibiotic {
  name: string;
  /** Disk-diffusion breakpoints as printed. */
  kb: string;
  /** MIC values reported for each interpretation. */
  mic: { S: string[]; I?: string[]; R: string[] };
  /** Probability of resistance: ordinary strain, ESBL producer. */
  resistance: [number, number];
  /** Organisms intrinsically resistant (R*). */
  intrinsic?: string[];
}

const ab = (name: string, kb: string, mic: Antibiotic['mic'], resistance: [number, number], intrinsic?: string[]): Antibiotic => ({ name, kb, mic, resistance, ...(intrinsic ? { intrinsic } : {}) });

/** Enterobacterales (E. coli, K. pneumoniae), urine isolates. */
const GRAM_NEGATIVE: Antibiotic[] = [
  ab('氨苄西林', 'R≤13, S≥17', { S: ['≤2', '4', '8'], I: ['16'], R: ['≥32'] }, [0.55, 1], ['KPN']),
  ab('氨苄西林/舒巴坦', 'R≤11, S≥15', { S: ['≤2', '4', '8'], I: ['16'], R: ['≥32'] }, [0.3, 0.7]),
  ab('哌拉西林/他唑巴坦', 'R≤20, S≥25', { S: ['≤4', '8'], I: ['16'], R: ['≥128'] }, [0.03, 0.1]),
  ab('头孢唑林', 'R≤19, S≥23', { S: ['≤1', '2'], I: ['4'], R: ['≥64'] }, [0.2, 1]),
  ab('头孢曲松', 'R≤19, S≥23', { S: ['≤1'], I: ['2'], R: ['≥64'] }, [0.05, 1]),
  ab('头孢他啶', 'R≤17, S≥21', { S: ['≤1', '4'], I: ['8'], R: ['≥64'] }, [0.03, 0.6]),
  ab('头孢吡肟', 'R≤18, S≥25', { S: ['≤1', '2'], I: ['4', '8'], R: ['≥64'] }, [0.02, 0.75]),
  // ESBL alone does not touch carbapenems; carbapenem resistance (a carbapenemase) is left to the rare ordinary strain
  ab('亚胺培南', 'R≤19, S≥23', { S: ['≤1'], I: ['2'], R: ['≥16'] }, [0.01, 0]),
  ab('美罗培南', 'R≤19, S≥23', { S: ['≤0.25'], I: ['2'], R: ['≥16'] }, [0.01, 0]),
  ab('阿米卡星', 'R≤14, S≥17', { S: ['≤2', '4', '8'], I: ['32'], R: ['≥64'] }, [0.02, 0.05]),
  ab('庆大霉素', 'R≤12, S≥15', { S: ['≤1', '2'], I: ['8'], R: ['≥16'] }, [0.2, 0.45]),
  ab('环丙沙星', 'R≤21, S≥26', { S: ['≤0.25'], I: ['0.5'], R: ['≥4'] }, [0.35, 0.8]),
  ab('左氧氟沙星', 'R≤16, S≥21', { S: ['≤0.12', '0.5'], I: ['1'], R: ['≥8'] }, [0.3, 0.75]),
  ab('复方新诺明', 'R≤10, S≥16', { S: ['≤20'], R: ['≥320'] }, [0.4, 0.6]),
  ab('呋喃妥因', 'R≤14, S≥17', { S: ['≤16', '32'], I: ['64'], R: ['≥512'] }, [0.04, 0.08]),
  ab('磷霉素', 'R≤12, S≥16', { S: ['≤16', '32'], I: ['128'], R: ['≥256'] }, [0.02, 0.06]),
];

/** Enterococcus faecalis, urine isolates. */
const ENTEROCOCCUS: Antibiotic[] = [
  ab('青霉素G', 'R≤14, S≥15', { S: ['2', '4', '8'], R: ['≥16'] }, [0.05, 0.05]),
  ab('氨苄西林', 'R≤16, S≥17', { S: ['≤2', '4'], R: ['≥16'] }, [0.03, 0.03]),
  ab('万古霉素', 'R≤14, S≥17', { S: ['≤0.5', '1', '2'], I: ['8'], R: ['≥32'] }, [0.01, 0.01]),
  ab('替考拉宁', 'R≤10, S≥14', { S: ['≤0.5'], I: ['16'], R: ['≥32'] }, [0.01, 0.01]),
  ab('利奈唑胺', 'R≤20, S≥23', { S: ['≤2'], I: ['4'], R: ['≥8'] }, [0.02, 0.02]),
  ab('高浓度庆大霉素', 'R=6, S≥10', { S: ['≤500'], R: ['>500'] }, [0.35, 0.35]),
  ab('左氧氟沙星', 'R≤13, S≥17', { S: ['≤1', '2'], I: ['4'], R: ['≥8'] }, [0.3, 0.3]),
  ab('呋喃妥因', 'R≤14, S≥17', { S: ['≤16', '32'], I: ['64'], R: ['≥128'] }, [0.03, 0.03]),
  ab('四环素', 'R≤14, S≥19', { S: ['≤4'], I: ['8'], R: ['≥16'] }, [0.75, 0.75]),
  ab('红霉素', 'R≤13, S≥23', { S: ['≤0.5'], I: ['1', '2', '4'], R: ['≥8'] }, [0.6, 0.6]),
];

interface Organism {
  code: string;
  name: string;
  panel: Antibiotic[];
  /** Tested for extended-spectrum β-lactamase. */
  esblTested: boolean;
}

const ORGANISMS: Record<string, Organism> = {
  ECO: { code: 'ECO', name: '大肠埃希菌', panel: GRAM_NEGATIVE, esblTested: true },
  KPN: { code: 'KPN', name: '肺炎克雷伯菌', panel: GRAM_NEGATIVE, esblTested: true },
  EFA: { code: 'EFA', name: '粪肠球菌', panel: ENTEROCOCCUS, esblTested: false },
};

function susceptibility(rng: Rng, drug: Antibiotic, organism: Organism, esbl: boolean): SusceptibilityCode {
  if (drug.intrinsic?.includes(organism.code)) return 'R*';
  if (rng.chance(esbl ? drug.resistance[1] : drug.resistance[0])) return 'R';
  return drug.mic.I && rng.chance(0.08) ? 'I' : 'S';
}

function micFor(rng: Rng, drug: Antibiotic, code: SusceptibilityCode): string {
  const values = code === 'S' ? drug.mic.S : code === 'I' ? (drug.mic.I ?? drug.mic.S) : drug.mic.R;
  return rng.pick(values);
}

export interface CultureSpec {
  /** A urinary tract infection: the culture grows E. coli, an ESBL producer. */
  uti: boolean;
}

/** The results of a urine culture: an organism (item_category 2) with its susceptibility rows, or no growth. */
export function cultureResults(rng: Rng, spec: CultureSpec, newId: () => string): LabResult[] {
  const grows = spec.uti || rng.chance(0.55);
  if (!grows) {
    return [{ id: newId(), name: '培养结果', shortName: 'CUL', value: '培养48小时无细菌生长', unit: '', range: '无细菌生长', tip: '', category: 1 }];
  }
  const organism = spec.uti ? ORGANISMS.ECO : rng.pick([ORGANISMS.ECO, ORGANISMS.ECO, ORGANISMS.KPN, ORGANISMS.EFA]);
  if (!organism) throw new Error('no organism');
  const esbl = organism.esblTested && (spec.uti || rng.chance(0.4));
  const antibiotics: AntibioticResult[] = organism.panel.map((drug, i) => {
    const code = susceptibility(rng, drug, organism, esbl);
    return { id: newId(), antibiotic: drug.name, mic: micFor(rng, drug, code), kb: drug.kb, code, orderNo: i + 1 };
  });
  const count = spec.uti ? '≥10^5' : rng.pick(['10^4', '≥10^5']);
  const results: LabResult[] = [
    { id: newId(), name: organism.name, shortName: organism.code, value: count, unit: 'CFU/ml', range: '<10^4', tip: '↑', category: 2, antibiotics },
  ];
  if (organism.esblTested) {
    results.push({ id: newId(), name: '超广谱β-内酰胺酶（ESBL）', shortName: 'ESBL', value: esbl ? '阳性' : '阴性', unit: '', range: '阴性', tip: esbl ? '↑' : '', category: 1 });
  }
  return results;
}
