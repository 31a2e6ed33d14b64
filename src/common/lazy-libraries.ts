/* eslint-disable @typescript-eslint/no-require-imports */
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type * as Turf from '@turf/turf';
import type * as QRCode from 'qrcode';

/**
 * Libraries that only some requests use, loaded on their first use instead of when the app starts: exceljs, turf and
 * pdfkit (and qrcode, a little) together took ~0.6 s of the ~1.4 s it took to load the app's modules (bench:cold-start), and a start with an
 * existing data directory is meant to answer within 1.5 s. Each is loaded once; a failure to load is thrown to its
 * first caller, as a top-level import would have been at start.
 */
let excelModule: typeof ExcelJS | undefined;
let turfModule: typeof Turf | undefined;
let pdfkitModule: typeof PDFDocument | undefined;
let qrcodeModule: typeof QRCode | undefined;

/** exceljs: the spreadsheets read (sample files, lists) and written (registers, templates, exports). */
export function excel(): typeof ExcelJS {
  return (excelModule ??= require('exceljs') as typeof ExcelJS);
}

/** @turf/turf: the boundaries' checks and measures. */
export function turf(): typeof Turf {
  return (turfModule ??= require('@turf/turf') as typeof Turf);
}

/** pdfkit's document class: the filing documents and the demo's report files. */
export function pdfDocument(): typeof PDFDocument {
  return (pdfkitModule ??= require('pdfkit') as typeof PDFDocument);
}

/** qrcode: the verification code printed on each filing document. */
export function qrCode(): typeof QRCode {
  return (qrcodeModule ??= require('qrcode') as typeof QRCode);
}
