/**
 * Curated demo content for the seed: a fictional city hospital in Guizhou (黔中市第一人民医院) with three
 * campuses, its departments, the skills of their doctors, and the pieces Chinese names and addresses are made
 * of. Lab items with reference ranges, drugs and report texts live with the domains that use them.
 */

export const HOSPITAL_NAME = '黔中市第一人民医院';

export const CAMPUSES = [
  { id: '01', name: '本院', address: '贵州省贵阳市云岩区中华北路88号', phone: '0851-86810000', natBookable: true },
  { id: '02', name: '东院区', address: '贵州省贵阳市南明区花果园大街16号', phone: '0851-86820000', natBookable: true },
  { id: '03', name: '妇女儿童院区', address: '贵州省贵阳市观山湖区长岭北路52号', phone: '0851-86830000', natBookable: false },
] as const;

export const DEPT_CATEGORIES = {
  '01': '内科',
  '02': '外科',
  '03': '妇产科',
  '04': '儿科',
  '05': '五官科',
  '06': '中医科',
  '07': '其他临床科室',
  '08': '医技科室',
} as const;

export type DeptCategoryId = keyof typeof DEPT_CATEGORIES;

export interface DeptSeed {
  id: string;
  name: string;
  shortName: string;
  campusId: string;
  categoryId: DeptCategoryId;
  address: string;
  outpatient: boolean;
  inpatient: boolean;
  needPrepay: boolean;
  fulltime: boolean;
  beds: string[];
  intro: string;
  skills: string[];
  diagnoses: string[];
}

const WARD_BEDS = ['普通病房（三人间）', '双人间', '单人间'];

export const DEPARTMENTS: DeptSeed[] = [
  { id: '1001', name: '心血管内科', shortName: '心内科', campusId: '01', categoryId: '01', address: '门诊楼2楼A区', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: [...WARD_BEDS, 'CCU监护床位'], intro: '省级临床重点专科，开展冠脉介入、心律失常射频消融及心脏起搏器植入等诊疗技术。', skills: ['冠心病介入治疗', '高血压及难治性高血压', '心律失常射频消融', '心力衰竭规范化管理', '血脂异常'], diagnoses: ['原发性高血压', '冠状动脉粥样硬化性心脏病', '阵发性心房颤动', '高脂血症'] },
  { id: '1002', name: '呼吸与危重症医学科', shortName: '呼吸科', campusId: '01', categoryId: '01', address: '门诊楼2楼B区', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: [...WARD_BEDS, 'RICU监护床位'], intro: '国家PCCM规范化建设单位，擅长慢性气道疾病、肺部感染及肺结节的诊治。', skills: ['慢性阻塞性肺疾病', '支气管哮喘', '肺结节筛查与随访', '重症肺炎', '睡眠呼吸暂停'], diagnoses: ['急性支气管炎', '社区获得性肺炎', '慢性阻塞性肺疾病', '支气管哮喘'] },
  { id: '1003', name: '消化内科', shortName: '消化科', campusId: '01', categoryId: '01', address: '门诊楼2楼C区', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: WARD_BEDS, intro: '开展无痛胃肠镜、ERCP及消化道早癌内镜下治疗。', skills: ['消化道早癌内镜诊治', '幽门螺杆菌感染', '炎症性肠病', '肝硬化及并发症', '胰胆疾病'], diagnoses: ['慢性胃炎', '胃食管反流病', '幽门螺杆菌感染', '功能性消化不良'] },
  { id: '1004', name: '内分泌科', shortName: '内分泌', campusId: '01', categoryId: '01', address: '门诊楼3楼A区', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: WARD_BEDS, intro: '糖尿病、甲状腺疾病及骨质疏松的一体化管理。', skills: ['糖尿病及并发症', '甲状腺结节与甲亢', '骨质疏松', '肥胖与代谢综合征'], diagnoses: ['2型糖尿病', '甲状腺功能亢进症', '亚临床甲状腺功能减退', '骨质疏松症'] },
  { id: '1005', name: '神经内科', shortName: '神内', campusId: '01', categoryId: '01', address: '门诊楼3楼B区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '卒中中心核心科室，开展静脉溶栓及神经介入治疗。', skills: ['脑血管病', '头痛与眩晕', '帕金森病', '癫痫', '睡眠障碍'], diagnoses: ['偏头痛', '良性阵发性位置性眩晕', '腔隙性脑梗死', '失眠症'] },
  { id: '1006', name: '肾内科', shortName: '肾内', campusId: '02', categoryId: '01', address: '门诊楼2楼', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '开展血液透析、腹膜透析及肾穿刺活检。', skills: ['慢性肾脏病', '肾小球肾炎', '血液净化', '糖尿病肾病'], diagnoses: ['慢性肾脏病3期', 'IgA肾病', '肾性高血压'] },
  { id: '2001', name: '普通外科', shortName: '普外科', campusId: '01', categoryId: '02', address: '门诊楼4楼A区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '开展腹腔镜微创手术、甲状腺及乳腺外科手术。', skills: ['腹腔镜胆囊切除', '疝气微创修补', '甲状腺外科', '乳腺疾病'], diagnoses: ['胆囊结石', '腹股沟疝', '急性阑尾炎', '乳腺纤维腺瘤'] },
  { id: '2002', name: '骨科', shortName: '骨科', campusId: '01', categoryId: '02', address: '门诊楼4楼B区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '关节置换、脊柱微创及运动医学。', skills: ['人工关节置换', '脊柱微创', '运动损伤', '骨折创伤'], diagnoses: ['腰椎间盘突出症', '膝骨关节炎', '桡骨远端骨折', '颈椎病'] },
  { id: '2003', name: '泌尿外科', shortName: '泌尿科', campusId: '02', categoryId: '02', address: '门诊楼3楼', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '泌尿系结石腔内微创治疗及前列腺疾病诊治。', skills: ['泌尿系结石', '前列腺增生', '泌尿系肿瘤'], diagnoses: ['肾结石', '前列腺增生', '泌尿道感染'] },
  { id: '2004', name: '神经外科', shortName: '神外', campusId: '01', categoryId: '02', address: '门诊楼4楼C区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: [...WARD_BEDS, 'NICU监护床位'], intro: '颅脑创伤、脑血管病及颅内肿瘤的外科治疗。', skills: ['颅脑创伤', '颅内肿瘤', '脑血管畸形'], diagnoses: ['颅脑外伤后遗症', '脑膜瘤'] },
  { id: '3001', name: '妇科', shortName: '妇科', campusId: '03', categoryId: '03', address: '门诊楼2楼', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: WARD_BEDS, intro: '妇科肿瘤、宫腹腔镜微创及宫颈疾病筛查。', skills: ['宫腹腔镜微创手术', '宫颈疾病筛查', '子宫肌瘤', '月经失调'], diagnoses: ['子宫肌瘤', '慢性宫颈炎', '多囊卵巢综合征'] },
  { id: '3002', name: '产科', shortName: '产科', campusId: '03', categoryId: '03', address: '门诊楼3楼', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: ['普通病房（三人间）', '单人间', '家庭化产房'], intro: '区域危重孕产妇救治中心。', skills: ['高危妊娠管理', '妊娠期糖尿病', '产前诊断'], diagnoses: ['早孕', '妊娠期糖尿病'] },
  { id: '4001', name: '儿科', shortName: '儿科', campusId: '03', categoryId: '04', address: '门诊楼1楼', outpatient: true, inpatient: true, needPrepay: true, fulltime: true, beds: ['儿科普通病房', '儿科单人间'], intro: '小儿呼吸、消化、过敏性疾病及儿童保健。', skills: ['小儿呼吸系统疾病', '小儿哮喘', '儿童生长发育', '小儿消化系统疾病'], diagnoses: ['急性上呼吸道感染', '支气管肺炎', '小儿腹泻', '过敏性鼻炎'] },
  { id: '4002', name: '新生儿科', shortName: '新生儿', campusId: '03', categoryId: '04', address: '住院楼5楼', outpatient: false, inpatient: true, needPrepay: true, fulltime: false, beds: ['新生儿普通床位', 'NICU监护床位'], intro: '新生儿重症监护及早产儿救治。', skills: ['早产儿管理', '新生儿黄疸'], diagnoses: ['新生儿黄疸'] },
  { id: '5001', name: '眼科', shortName: '眼科', campusId: '01', categoryId: '05', address: '门诊楼5楼A区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '白内障超声乳化、青光眼及眼底病诊治。', skills: ['白内障', '青光眼', '眼底病', '屈光不正'], diagnoses: ['年龄相关性白内障', '干眼症', '屈光不正'] },
  { id: '5002', name: '耳鼻咽喉头颈外科', shortName: '耳鼻喉', campusId: '01', categoryId: '05', address: '门诊楼5楼B区', outpatient: true, inpatient: true, needPrepay: true, fulltime: false, beds: WARD_BEDS, intro: '鼻内镜微创、耳显微外科及嗓音疾病。', skills: ['慢性鼻窦炎', '中耳炎', '嗓音疾病', '过敏性鼻炎'], diagnoses: ['慢性鼻窦炎', '急性咽炎', '分泌性中耳炎'] },
  { id: '5003', name: '口腔科', shortName: '口腔科', campusId: '02', categoryId: '05', address: '门诊楼1楼', outpatient: true, inpatient: false, needPrepay: true, fulltime: false, beds: [], intro: '口腔内科、修复、正畸及种植。', skills: ['根管治疗', '种植修复', '牙周病', '儿童早期矫治'], diagnoses: ['慢性牙髓炎', '慢性牙周炎', '龋病'] },
  { id: '6001', name: '中医科', shortName: '中医科', campusId: '02', categoryId: '06', address: '门诊楼4楼', outpatient: true, inpatient: false, needPrepay: false, fulltime: true, beds: [], intro: '中医内科调理、针灸推拿及冬病夏治。', skills: ['脾胃病调理', '失眠', '颈肩腰腿痛针灸', '亚健康调理'], diagnoses: ['失眠（心脾两虚证）', '胃痛（肝胃不和证）'] },
  { id: '6002', name: '康复医学科', shortName: '康复科', campusId: '02', categoryId: '07', address: '康复楼1楼', outpatient: true, inpatient: true, needPrepay: false, fulltime: false, beds: WARD_BEDS, intro: '神经康复、骨科康复及心肺康复。', skills: ['脑卒中康复', '术后功能康复', '颈肩腰腿痛'], diagnoses: ['脑梗死恢复期', '膝关节置换术后'] },
  { id: '7001', name: '皮肤科', shortName: '皮肤科', campusId: '01', categoryId: '07', address: '门诊楼6楼', outpatient: true, inpatient: false, needPrepay: true, fulltime: true, beds: [], intro: '过敏性皮肤病、痤疮及皮肤美容。', skills: ['湿疹与皮炎', '痤疮', '银屑病', '荨麻疹'], diagnoses: ['湿疹', '寻常痤疮', '慢性荨麻疹'] },
  { id: '7002', name: '急诊科', shortName: '急诊', campusId: '01', categoryId: '07', address: '急诊楼1楼', outpatient: false, inpatient: true, needPrepay: false, fulltime: false, beds: ['急诊留观床位', 'EICU监护床位'], intro: '24小时急危重症救治。', skills: ['急危重症救治'], diagnoses: ['急性胃肠炎'] },
  { id: '7003', name: '感染性疾病科（发热门诊）', shortName: '发热门诊', campusId: '01', categoryId: '07', address: '感染楼1楼', outpatient: true, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '发热待查及传染病筛查，24小时开诊。', skills: ['发热待查', '病毒性肝炎', '传染病筛查'], diagnoses: ['发热待查', '流行性感冒'] },
  { id: '8001', name: '检验科', shortName: '检验科', campusId: '01', categoryId: '08', address: '医技楼1楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: 'ISO 15189认可实验室。', skills: [], diagnoses: [] },
  { id: '8002', name: '医学影像科', shortName: '影像科', campusId: '01', categoryId: '08', address: '医技楼2楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: 'CT、MRI、DR及介入放射。', skills: [], diagnoses: [] },
  { id: '8003', name: '超声医学科', shortName: '超声科', campusId: '01', categoryId: '08', address: '医技楼3楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '腹部、心脏、血管及妇产超声。', skills: [], diagnoses: [] },
  { id: '8101', name: '健康管理中心', shortName: '体检中心', campusId: '01', categoryId: '08', address: '健康管理中心大楼1楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '健康体检、职业体检与慢病风险评估。', skills: [], diagnoses: [] },
  { id: '8102', name: '心电图室', shortName: '心电图', campusId: '01', categoryId: '08', address: '医技楼3楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '常规心电图、动态心电图与运动平板试验。', skills: [], diagnoses: [] },
  { id: '8005', name: '病案管理科', shortName: '病案室', campusId: '01', categoryId: '08', address: '行政楼1楼', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '病案管理、病历复印与邮寄。', skills: [], diagnoses: [] },
  { id: '8004', name: '手术麻醉科', shortName: '麻醉科', campusId: '01', categoryId: '08', address: '住院楼3楼手术中心', outpatient: false, inpatient: false, needPrepay: false, fulltime: false, beds: [], intro: '手术麻醉及麻醉后恢复。', skills: [], diagnoses: [] },
];

/** Registration types (号类) by doctor title, with their fees in fen. */
export const REGISTER_TYPES = {
  general: { id: '1', name: '普通号', feeFen: 1200 },
  associate: { id: '2', name: '副主任医师号', feeFen: 2500 },
  chief: { id: '3', name: '主任医师号', feeFen: 4000 },
  famous: { id: '4', name: '知名专家号', feeFen: 8000 },
} as const;

export const MEDICAL_TITLES = [
  { id: '231', name: '主任医师' },
  { id: '232', name: '副主任医师' },
  { id: '233', name: '主治医师' },
  { id: '234', name: '住院医师' },
] as const;

export const TEACH_TITLES = [
  { id: '011', name: '教授' },
  { id: '012', name: '副教授' },
  { id: '013', name: '讲师' },
] as const;

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史贺顾毛郝龚邵万钱武戴孔汤'.split('');

export const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣博文彬志国建东晨阳峰海洋雷昊天毅坤'.split('');
export const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀玲桂英慧莉梅琳雪婷倩颖琴云洁露晶欢佳璐蓉薇萍红月瑶岚婉怡宁菲媛珊悦雯'.split('');

export const NATIONS = ['汉族', '汉族', '汉族', '汉族', '汉族', '苗族', '布依族', '侗族', '土家族', '彝族'];

/** Region codes (first six ID digits) of Guiyang districts, with their names for addresses. */
export const REGIONS = [
  { code: '520102', name: '贵州省贵阳市南明区', streets: ['花果园大街', '沙冲路', '新华路', '遵义路'] },
  { code: '520103', name: '贵州省贵阳市云岩区', streets: ['中华北路', '北京路', '宝山北路', '黔灵西路'] },
  { code: '520111', name: '贵州省贵阳市花溪区', streets: ['花溪大道', '明珠大道', '清溪路'] },
  { code: '520115', name: '贵州省贵阳市观山湖区', streets: ['长岭北路', '林城西路', '金阳南路'] },
  { code: '520113', name: '贵州省贵阳市白云区', streets: ['白云南路', '云峰大道'] },
];

export const UNITS = ['贵州黔中建设集团有限公司', '黔中市第三中学', '中国移动贵州分公司', '个体经营', '黔中市税务局', '贵州大学', '退休', '无', '黔中市公交公司', '贵州茅台酒销售有限公司'];
