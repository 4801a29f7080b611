import type { PdfSource } from '../files';
import { natPdfs } from './nat/pdfs';
import { patientsPdfs } from './patients/pdfs';
import { reportsPdfs } from './reports/pdfs';

/** Every kind of file the sandbox serves, by kind (see files.ts). */
export const pdfSources: Record<string, PdfSource> = { ...patientsPdfs, ...reportsPdfs, ...natPdfs };
