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
