import { csvFormat } from "./csv";
import { graphmlFormat } from "./graphml";
import { jsonldFormat } from "./jsonld";
import { ndjsonFormat } from "./ndjson";
import type { ExportFormat, ExportFormatName } from "./snapshot";

/** Every export format by its `format=` name. */
export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  ndjson: ndjsonFormat,
  jsonld: jsonldFormat,
  graphml: graphmlFormat,
  csv: csvFormat,
};

export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormatName[];

/** The format named `value`, or undefined. */
export function exportFormat(value: unknown): ExportFormat | undefined {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value)
    ? EXPORT_FORMATS[value as ExportFormatName]
    : undefined;
}
