/**
 * `unpdf` for the browser build: the same serverless pdf.js build (its worker code runs inside the
 * page's own Web Worker, so nothing is fetched), plus a hook that reports which page pdf.js is
 * reading, for the progress bar. `src/readers/pdf/load.ts` is used unchanged.
 */
type PdfJs = typeof import('unpdf/pdfjs');
type Listener = (page: number, pages: number) => void;

let listener: Listener | undefined;

/** Called with (page, pages) as a PDF's pages are read; undefined to stop. */
export function onPdfPage(fn: Listener | undefined): void {
  listener = fn;
}

let resolved: PdfJs | undefined;

export async function getResolvedPDFJS(): Promise<PdfJs> {
  if (resolved) return resolved;
  const pdfjs = await import('unpdf/pdfjs');
  const getDocument = ((params: Parameters<PdfJs['getDocument']>[0]) => {
    const task = pdfjs.getDocument(params);
    const promise = task.promise.then((doc) => {
      const getPage = doc.getPage.bind(doc);
      let highest = 0;
      doc.getPage = (n: number) => {
        if (n > highest) {
          highest = n;
          listener?.(n, doc.numPages);
        }
        return getPage(n);
      };
      return doc;
    });
    Object.defineProperty(task, 'promise', { value: promise, configurable: true });
    return task;
  }) as PdfJs['getDocument'];
  resolved = { ...pdfjs, getDocument } as PdfJs;
  return resolved;
}

export async function getDocumentProxy(): Promise<never> {
  throw new Error('getDocumentProxy is not available in the page build');
}
