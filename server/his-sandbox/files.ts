/**
 * Files the sandbox serves behind the URLs it hands out: report PDFs (`origin_url`, `pdf_url`), invoices.
 *
 * A domain registers a source per kind of file; `GET <prefix>/files/<kind>/<id>.pdf` renders the document with
 * pdf-lib. The standard PDF fonts carry no Chinese glyphs (and embedding a CJK font would cost megabytes), so
 * Chinese text is written in pinyin; the structure, numbers, units and flags are the real ones.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { pinyin } from 'pinyin-pro';
import type { Store } from './state/store';

export interface PdfDocument {
  title: string;
  subtitle?: string;
  fields: Array<[string, string]>;
  table?: { headers: string[]; rows: string[][] };
  footer?: string;
}

export type PdfSource = (store: Store, id: string) => PdfDocument | undefined;

export function pdfUrl(baseUrl: string, kind: string, id: string): string {
  return `${baseUrl}/files/${kind}/${encodeURIComponent(id)}.pdf`;
}

const REPLACEMENTS: Record<string, string> = { '↑': '(H)', '↓': '(L)', '×': 'x', '℃': 'C', 'μ': 'u', '（': '(', '）': ')', '：': ':', '，': ', ', '；': '; ', '、': ', ', '。': '. ', '≥': '>=', '≤': '<=' };

/** Text the standard fonts can draw: Chinese as capitalised pinyin, a few symbols spelled out. */
export function pdfText(text: string): string {
  const replaced = [...text].map((ch) => REPLACEMENTS[ch] ?? ch).join('');
  const latin = /[\u4e00-\u9fff]/.test(replaced)
    ? pinyin(replaced, { toneType: 'none', separator: ' ', nonZh: 'consecutive', v: true }).replace(/\b[a-z]/g, (c) => c.toUpperCase())
    : replaced;
  return latin.replace(/[^\x20-\x7e]/g, '?').replace(/\s+/g, ' ').trim();
}

export async function renderPdf(doc: PdfDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfText(doc.title));
  pdf.setProducer('palm-hospital HIS sandbox');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const line = (text: string, size = 10, f = font, x = 50) => {
    if (y < 60) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(pdfText(text).slice(0, 110), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  };
  line(doc.title, 16, bold);
  y -= 22;
  if (doc.subtitle) {
    line(doc.subtitle, 10);
    y -= 18;
  }
  for (const [label, value] of doc.fields) {
    line(`${label}: ${value}`, 10);
    y -= 15;
  }
  if (doc.table) {
    y -= 10;
    const widths = doc.table.headers.map(() => Math.floor(495 / doc.table!.headers.length));
    const row = (cells: string[], f = font) => {
      let x = 50;
      cells.forEach((cell, i) => {
        line(cell, 9, f, x);
        x += widths[i] ?? 80;
      });
      y -= 14;
    };
    row(doc.table.headers, bold);
    for (const r of doc.table.rows) row(r);
  }
  if (doc.footer) {
    y -= 16;
    line(doc.footer, 8);
  }
  return pdf.save();
}
