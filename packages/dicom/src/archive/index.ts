export type {
  ArchiveSource,
  FolderIndex,
  IndexProgress,
  IndexedStudy,
  SeriesSummary,
  StudyRef,
  UnreadableFile,
} from './types';
export { indexFolder } from './index-folder';
export type { IndexFolderOptions } from './index-folder';
export { FolderArchiveSource } from './folder-archive-source';
export { DicomWebArchiveSource } from './dicomweb-archive-source';
export type { DicomWebAuth, DicomWebOptions } from './dicomweb-archive-source';
export { openArchiveSource } from './open-archive-source';
export type { OpenArchiveOptions } from './open-archive-source';
export { parseMultipart, parseContentType } from './dicomweb/multipart';
export type { MultipartPart } from './dicomweb/multipart';
export { isValidUid, MAX_UID_LENGTH } from './is-valid-uid';
