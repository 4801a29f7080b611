/**
 * Examinations (检查): for each catalogue exam the method, body part, equipment and the report text — findings
 * (检查所见) and conclusion (检查结果) in the language of Chinese radiology, ultrasound and ECG reports — chosen
 * from the diagnoses of the visit or stay (a bronchitis shows on the chest CT, a herniated disc on the lumbar
 * MRI) or normal, with an incidental finding now and then.
 */
import type { Rng } from '../../state/random';
import type { Imaging } from './state';

/** Who reports an examination. */
export type ReportingUnit = 'imaging' | 'ultrasound' | 'ecg' | 'endoscopy';

export interface ExamKind {
  itemId: string;
  scanMethod: string;
  bodyPart: string;
  device: string;
  /** Prefix of the examination number: CT20261129003. */
  prefix: string;
  unit: ReportingUnit;
  /** Report the same day (ECG, ultrasound, breath test) or one to two days later (CT, MRI, DR). */
  sameDay: boolean;
  images: [number, number];
}

const kind = (itemId: string, scanMethod: string, bodyPart: string, device: string, prefix: string, unit: ReportingUnit, sameDay: boolean, images: [number, number]): ExamKind => ({ itemId, scanMethod, bodyPart, device, prefix, unit, sameDay, images });

export const EXAM_KINDS: Record<string, ExamKind> = {
  E0401: kind('E0401', 'CT平扫', '胸部', '西门子 SOMATOM Definition AS 64排螺旋CT', 'CT', 'imaging', false, [280, 360]),
  E0402: kind('E0402', '常规十二导联心电图', '心脏', '日本光电 ECG-2350 心电图机', 'ECG', 'ecg', true, [1, 1]),
  E0403: kind('E0403', '彩色多普勒超声', '心脏', 'GE Vivid E95 彩色多普勒超声诊断仪', 'US', 'ultrasound', true, [24, 40]),
  E0404: kind('E0404', '彩色多普勒超声', '腹部（肝、胆、胰、脾）', 'Philips EPIQ 7 彩色多普勒超声诊断仪', 'US', 'ultrasound', true, [12, 20]),
  E0405: kind('E0405', 'DR', '胸部（正位）', '联影 uDR 770i 数字化X线摄影系统', 'DR', 'imaging', false, [1, 1]),
  E0406: kind('E0406', '13C尿素呼气试验', '胃（幽门螺杆菌检测）', 'HCBT-01 13C红外光谱仪', 'HP', 'endoscopy', true, [1, 1]),
  E0407: kind('E0407', 'CT增强（冠状动脉CTA）', '冠状动脉', '西门子 SOMATOM Force 双源CT', 'CT', 'imaging', false, [600, 900]),
  E0408: kind('E0408', 'MRI平扫', '腰椎', 'GE SIGNA Architect 3.0T 磁共振成像系统', 'MR', 'imaging', false, [120, 180]),
  E0409: kind('E0409', '彩色多普勒超声', '甲状腺', 'Philips EPIQ 7 彩色多普勒超声诊断仪', 'US', 'ultrasound', true, [10, 16]),
};

export function examKind(itemId: string): ExamKind {
  const k = EXAM_KINDS[itemId];
  if (!k) throw new Error(`no exam kind for ${itemId}`);
  return k;
}

type Text = { findings: string; conclusion: string };

const has = (diagnoses: string, pattern: RegExp) => pattern.test(diagnoses);

function chestCt(rng: Rng, dx: string, age: number): Text {
  if (has(dx, /肺炎/)) {
    return {
      findings: '胸廓对称，气管居中。右肺下叶见大片状实变影及磨玻璃密度影，边界模糊，其内可见支气管充气征；余肺纹理增多。双肺门不大，纵隔内未见明显肿大淋巴结。心影大小、形态未见异常。双侧胸膜未见增厚，右侧胸腔见少量积液。',
      conclusion: '1. 右肺下叶肺炎，建议抗感染治疗后复查；2. 右侧胸腔少量积液。',
    };
  }
  if (has(dx, /支气管炎|慢性阻塞|哮喘/)) {
    return {
      findings: '胸廓对称，气管居中。双肺纹理增多、增粗、模糊，右肺下叶背段见少许斑片状磨玻璃密度影，边界模糊。各级支气管通畅。双肺门不大，纵隔内未见明显肿大淋巴结。心影不大。双侧胸膜未见增厚，双侧胸腔未见积液。',
      conclusion: '1. 双肺支气管炎症，右肺下叶少许炎症，建议治疗后复查；2. 余胸部CT平扫未见明显异常。',
    };
  }
  if (age >= 40 && rng.chance(0.25)) {
    const size = rng.int(3, 6);
    return {
      findings: `胸廓对称，气管居中。右肺上叶尖段见一直径约${size}mm实性微小结节，边界清楚，未见分叶及毛刺。余双肺纹理清晰，未见明确实质性病变。双肺门不大，纵隔内未见明显肿大淋巴结。心脏及大血管形态未见异常。双侧胸膜未见增厚，双侧胸腔未见积液。`,
      conclusion: `右肺上叶实性微小结节（直径约${size}mm，Lung-RADS 2类），建议12个月后复查胸部CT。`,
    };
  }
  return {
    findings: '胸廓对称，气管居中。双肺纹理清晰，肺野透亮度正常，双肺内未见明确实质性病变。各级支气管通畅。双肺门不大，纵隔内未见明显肿大淋巴结。心脏及大血管形态、密度未见异常。双侧胸膜未见增厚，双侧胸腔未见积液。',
    conclusion: '胸部CT平扫未见明显异常。',
  };
}

function ecg(rng: Rng, dx: string): Text {
  const hr = rng.int(62, 92);
  const pr = (rng.int(14, 18) / 100).toFixed(2);
  const qrs = (rng.int(8, 10) / 100).toFixed(2);
  const qt = rng.int(36, 40) / 100;
  const qtc = (qt / Math.sqrt(60 / hr)).toFixed(2);
  const axis = rng.int(15, 75);
  const base = `窦性心律，心率${hr}次/分。P-R间期${pr}s，QRS时限${qrs}s，QT/QTc ${qt.toFixed(2)}/${qtc}s，心电轴+${axis}°。`;
  if (has(dx, /冠状动脉|冠心病|心绞痛/)) {
    return { findings: `${base}V4-V6导联ST段水平型压低0.05-0.1mV，T波低平。`, conclusion: '1. 窦性心律；2. ST-T改变（前侧壁心肌缺血可能），请结合临床。' };
  }
  if (has(dx, /高血压/)) {
    return { findings: `${base}RV5+SV1=${(rng.int(41, 46) / 10).toFixed(1)}mV，各导联ST-T未见明显异常。`, conclusion: '1. 窦性心律；2. 左心室高电压。' };
  }
  return { findings: `${base}各导联P波、QRS波群形态正常，ST-T未见明显异常。`, conclusion: '1. 窦性心律；2. 正常心电图。' };
}

function echo(rng: Rng, dx: string): Text {
  const la = rng.int(30, 36);
  const lv = rng.int(44, 50);
  const ef = rng.int(58, 68);
  if (has(dx, /冠状动脉|冠心病|心绞痛|高血压/)) {
    return {
      findings: `左房内径${la + 3}mm，左室舒张末内径${lv}mm，室间隔厚度12mm，左室后壁厚度11mm，主动脉根部内径${rng.int(30, 34)}mm。左室壁增厚，室壁运动未见明显节段性异常。二尖瓣开放可，关闭时见少量反流。CDFI：二尖瓣口收缩期见少量反流信号。二尖瓣口血流频谱E/A<1。左室射血分数（EF）${ef}%。`,
      conclusion: '1. 左室壁增厚；2. 二尖瓣少量反流；3. 左室舒张功能减低，收缩功能正常。',
    };
  }
  return {
    findings: `左房内径${la}mm，左室舒张末内径${lv}mm，室间隔厚度9mm，左室后壁厚度9mm，主动脉根部内径${rng.int(27, 31)}mm。各房室腔大小正常，室壁厚度及运动未见异常。各瓣膜形态结构及启闭未见明显异常。CDFI：各瓣口未见明显异常血流信号。左室射血分数（EF）${ef}%。`,
    conclusion: '心脏结构及功能未见明显异常。',
  };
}

function abdomen(rng: Rng, dx: string): Text {
  const fatty = has(dx, /脂肪肝/) || rng.chance(0.2);
  const stone = has(dx, /胆囊结石/) || rng.chance(0.08);
  const liver = fatty
    ? '肝脏形态饱满，包膜光滑，实质回声细密增强，远场回声衰减，肝内管道结构显示欠清。'
    : '肝脏形态大小正常，包膜光滑，实质回声均匀，肝内管道结构清晰，门静脉内径正常。';
  const a = rng.int(6, 14);
  const gall = stone
    ? `胆囊大小正常，壁毛糙，腔内见一大小约${a}mm×${a - rng.int(1, 4)}mm强回声团，后伴声影，随体位改变移动。`
    : '胆囊大小形态正常，壁光滑，腔内未见明显异常回声。';
  const rest = '胰腺形态大小正常，回声均匀，主胰管未见扩张。脾脏形态大小正常，实质回声均匀。';
  const conclusions = [...(fatty ? ['脂肪肝（轻度）'] : []), ...(stone ? ['胆囊结石'] : [])];
  const normal = ['肝', '胆', '胰', '脾'].filter((o) => !(o === '肝' && fatty) && !(o === '胆' && stone)).join('、');
  return {
    findings: liver + gall + rest,
    conclusion: conclusions.length ? `${conclusions.map((c, i) => `${i + 1}. ${c}`).join('；')}；${conclusions.length + 1}. ${normal}未见明显异常。` : '肝、胆、胰、脾未见明显异常。',
  };
}

function chestDr(dx: string): Text {
  if (has(dx, /肺炎/)) {
    return { findings: '胸廓对称，气管居中。右下肺野见斑片状模糊影，边界不清。余肺纹理增多。双肺门影不大。心影大小、形态未见异常。右侧肋膈角稍钝。', conclusion: '右下肺炎症，建议治疗后复查。' };
  }
  if (has(dx, /支气管炎|慢性阻塞|哮喘/)) {
    return { findings: '胸廓对称，气管居中。双肺纹理增多、增粗，双肺野未见明确实变影。双肺门影不大。心影大小、形态未见异常。双膈面光整，双侧肋膈角锐利。', conclusion: '双肺纹理增多，考虑支气管炎性改变，请结合临床。' };
  }
  return { findings: '胸廓对称，气管居中。双肺纹理清晰，双肺野未见明确实质性病变。双肺门影不大。心影大小、形态未见异常。双膈面光整，双侧肋膈角锐利。', conclusion: '心、肺、膈未见明显异常。' };
}

function breathTest(rng: Rng, dx: string): Text {
  const positive = has(dx, /幽门螺杆菌/) || rng.chance(0.3);
  const dob = positive ? (rng.int(86, 264) / 10).toFixed(1) : (rng.int(3, 28) / 10).toFixed(1);
  return {
    findings: `受检者空腹口服13C尿素胶囊，于服药前及服药后30分钟分别收集呼气样本检测。DOB值${dob}‰（临界值4.0‰）。`,
    conclusion: positive ? '13C尿素呼气试验阳性，提示幽门螺杆菌感染。' : '13C尿素呼气试验阴性。',
  };
}

function coronaryCta(rng: Rng, dx: string): Text {
  if (has(dx, /冠状动脉|冠心病|心绞痛/)) {
    return {
      findings: `冠状动脉呈右优势型。左主干管壁光滑，未见明显狭窄。前降支近段见混合斑块，管腔中度狭窄（约50%-69%）；中远段管壁不规则，轻度狭窄。回旋支未见明显斑块及狭窄。右冠状动脉中段见钙化斑块，管腔轻度狭窄（约25%-49%）。冠状动脉钙化积分${rng.int(110, 320)}。`,
      conclusion: '1. 冠状动脉粥样硬化；2. 前降支近段混合斑块，管腔中度狭窄；3. 右冠状动脉中段钙化斑块，管腔轻度狭窄（CAD-RADS 3）。',
    };
  }
  return {
    findings: '冠状动脉呈右优势型。左主干、前降支、回旋支及右冠状动脉管壁光滑，走行自然，未见明显斑块及狭窄。冠状动脉钙化积分0。',
    conclusion: '冠状动脉CTA未见明显异常（CAD-RADS 0）。',
  };
}

function lumbarMri(dx: string): Text {
  if (has(dx, /腰椎|椎间盘/)) {
    return {
      findings: '腰椎生理曲度变直，各椎体序列整齐，L3-L5椎体边缘骨质增生变尖。L4/5椎间盘T2WI信号减低，向左后方突出，硬膜囊及左侧神经根受压，左侧侧隐窝变窄；L5/S1椎间盘T2WI信号减低，向后膨出，硬膜囊前缘受压。椎管未见明显狭窄，脊髓圆锥位置及信号未见异常。椎旁软组织未见异常信号。',
      conclusion: '1. L4/5椎间盘突出（左后型），左侧神经根受压；2. L5/S1椎间盘膨出；3. 腰椎退行性变。',
    };
  }
  return {
    findings: '腰椎生理曲度存在，各椎体序列整齐，椎体边缘轻度骨质增生。各椎间盘信号未见明显减低，未见明显膨出或突出。椎管未见狭窄，脊髓圆锥位置及信号未见异常。椎旁软组织未见异常信号。',
    conclusion: '腰椎轻度退行性变。',
  };
}

function thyroid(rng: Rng, dx: string): Text {
  if (has(dx, /甲状腺功能亢进|甲亢/)) {
    return {
      findings: '甲状腺弥漫性肿大，右叶厚约22mm，左叶厚约20mm，峡部厚约5mm，实质回声减低、不均匀。CDFI：腺体内血流信号丰富，呈“火海征”。双侧颈部未见明显异常肿大淋巴结。',
      conclusion: '甲状腺弥漫性病变，符合甲状腺功能亢进声像图表现，请结合甲状腺功能检查。',
    };
  }
  if (has(dx, /甲状腺结节/) || rng.chance(0.35)) {
    const a = rng.int(5, 12);
    return {
      findings: `甲状腺大小形态正常，包膜光滑。右叶中部见一大小约${a}mm×${a - rng.int(1, 3)}mm低回声结节，边界清，形态规则，纵横比<1，内未见明显钙化。CDFI：结节周边见少许血流信号。双侧颈部未见明显异常肿大淋巴结。`,
      conclusion: '甲状腺右叶实性结节（C-TIRADS 3类），建议6-12个月复查。',
    };
  }
  return {
    findings: '甲状腺大小形态正常，包膜光滑，实质回声均匀，未见明显占位性病变。CDFI：腺体内血流信号未见明显异常。双侧颈部未见明显异常肿大淋巴结。',
    conclusion: '甲状腺未见明显异常。',
  };
}

function textFor(itemId: string, rng: Rng, dx: string, age: number): Text {
  switch (itemId) {
    case 'E0401':
      return chestCt(rng, dx, age);
    case 'E0402':
      return ecg(rng, dx);
    case 'E0403':
      return echo(rng, dx);
    case 'E0404':
      return abdomen(rng, dx);
    case 'E0405':
      return chestDr(dx);
    case 'E0406':
      return breathTest(rng, dx);
    case 'E0407':
      return coronaryCta(rng, dx);
    case 'E0408':
      return lumbarMri(dx);
    case 'E0409':
      return thyroid(rng, dx);
    default:
      throw new Error(`no report text for exam ${itemId}`);
  }
}

/** The report of an examination for a patient of this age with these diagnoses. */
export function imagingReport(itemId: string, rng: Rng, diagnoses: readonly string[], age: number): Imaging {
  const k = examKind(itemId);
  const text = textFor(itemId, rng, diagnoses.join('；'), age);
  return { scanMethod: k.scanMethod, bodyPart: k.bodyPart, device: k.device, images: rng.int(k.images[0], k.images[1]), ...text };
}
