import { fileURLToPath } from 'url';
import { DicomError } from '../errors';
import { DicomWebArchiveSource, type DicomWebOptions } from './dicomweb-archive-source';
import { FolderArchiveSource } from './folder-archive-source';
import type { IndexFolderOptions } from './index-folder';
import type { ArchiveSource } from './types';

export interface OpenArchiveOptions {
  /** For a DICOMweb source (cache folder, auth, timeout...). */
  dicomWeb?: DicomWebOptions;
  /** For a folder source. */
  folder?: IndexFolderOptions;
}

/**
 * The archive a sweep's `source` string names: `http://` or `https://` → DICOMweb (the base URL of the DICOMweb
 * service, e.g. `http://pacs:8042/dicom-web`; `user:password@` in the URL becomes basic auth), `file://` or any other
 * string → a folder path.
 */
export function openArchiveSource(source: string, options: OpenArchiveOptions = {}): ArchiveSource {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return new DicomWebArchiveSource(source, options.dicomWeb);
  if (scheme === 'file') return new FolderArchiveSource(fileURLToPath(source), options.folder);
  if (scheme !== undefined) {
    throw new DicomError(
      'INVALID_VALUE',
      `Archive source "${source}": unknown scheme ${scheme}:// (use http(s):// or a folder path)`,
    );
  }
  return new FolderArchiveSource(source, options.folder);
}
