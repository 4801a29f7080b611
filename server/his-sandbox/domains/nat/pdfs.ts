import { ageOn } from '../../../../common/id-card';
import type { PdfDocument, PdfSource } from '../../files';
import { HOSPITAL_NAME } from '../../state/data';
import type { Store } from '../../state/store';
import { LAB_NAME, NAT_ITEM_NAME } from './catalog';
import type { NatBooking, NatReport } from './state';
import { NAT_PDF_KIND } from './views';

/** Labels in the report's language: Chinese, or Chinese with English for 中英文 / 英文 / 日文 reports. */
function label(zh: string, en: string, b: NatBooking): string {
  return b.reportLanguage === '中文' ? zh : `${zh} ${en}`;
}

function maskedIdNo(idNo: string): string {
  return idNo.length > 8 ? `${idNo.slice(0, 4)}${'*'.repeat(idNo.length - 8)}${idNo.slice(-4)}` : idNo;
}

function reportDocument(store: Store, b: NatBooking, report: NatReport): PdfDocument {
  const campus = store.campus(b.hospitalId);
  return {
    title: `${HOSPITAL_NAME} ${NAT_ITEM_NAME}报告单`,
    subtitle: label(`${campus?.name ?? ''} 报告语言：${b.reportLanguage}`, 'SARS-CoV-2 Nucleic Acid Test Report', b),
    fields: [
      [label('姓名', 'Name', b), b.name],
      [label('性别', 'Sex', b), b.sex],
      [label('年龄', 'Age', b), `${Math.max(0, ageOn(b.birthday, report.sampledAt.slice(0, 10)))}岁`],
      [label('证件号码', 'ID No.', b), maskedIdNo(b.idNo)],
      [label('条码号', 'Barcode', b), report.barcode],
      [label('样本类型', 'Specimen', b), report.sample],
      [label('采样时间', 'Sampling time', b), report.sampledAt],
      [label('检测时间', 'Test time', b), report.checkedAt],
      [label('报告时间', 'Report time', b), report.reportedAt],
      [label('采样人', 'Sampled by', b), report.sampleUser],
      [label('检测人', 'Tested by', b), report.checkUser],
      [label('检测机构', 'Laboratory', b), LAB_NAME],
    ],
    table: {
      headers: [label('检测项目', 'Item', b), label('结果', 'Result', b), label('参考值', 'Reference', b)],
      rows: report.items.map((i) => [i.name, i.value, i.range]),
    },
    footer: '检测方法：实时荧光定量PCR法。本报告仅对本次送检样本负责。',
  };
}

/** PDF files of this domain, by kind: served at <prefix>/files/<kind>/<id>.pdf (id = appt_id of a completed test). */
export const natPdfs: Record<string, PdfSource> = {
  [NAT_PDF_KIND]: (store, id) => {
    const b = store.state.nat.bookings[id];
    return b?.status === 9 && b.report ? reportDocument(store, b, b.report) : undefined;
  },
};
