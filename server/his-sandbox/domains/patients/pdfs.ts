import type { PdfSource } from '../../files';
import { HOSPITAL_NAME } from '../../state/data';

/** PDF files of this domain, by kind: served at <prefix>/files/<kind>/<id>.pdf. */
export const patientsPdfs: Record<string, PdfSource> = {
  receipt: (store, id) => {
    const r = store.core.receipts.find((x) => x.id === id);
    const p = r ? store.patient(r.patientId) : undefined;
    if (!r || !p) return undefined;
    const y = (fen: number) => (fen / 100).toFixed(2);
    return {
      title: `${HOSPITAL_NAME} ${r.opFlag === 1 ? 'Outpatient' : 'Inpatient'} Invoice`,
      subtitle: `Invoice No. ${r.receiptNo}   Date ${r.date}`,
      fields: [
        ['Patient', p.name],
        [r.opFlag === 1 ? 'Card No.' : 'Inpatient No.', r.cardNo],
        ['Total (CNY)', y(r.totalFen)],
        ['Discount', y(r.discountFen)],
        ['Medical insurance', y(r.siPayFen)],
        ['Personal account', y(r.accountPayFen)],
        ['Self-paid', y(r.cashPayFen)],
      ],
      footer: 'Electronic copy issued by the HIS sandbox of the palm-hospital project.',
    };
  },
};
