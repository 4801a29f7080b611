import type { PdfSource } from '../../files';

/** PDF files of this domain, by kind: served at <prefix>/files/<kind>/<id>.pdf. */
export const natPdfs: Record<string, PdfSource> = {};
